import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/repo';

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  patterns?: Rule[];
  include?: string;
}

interface Grammar {
  scopeName: string;
  patterns?: Rule[];
  repository: Record<string, Rule>;
}

const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'syntaxes', 'systemd.tmLanguage.json'), 'utf8')) as Grammar;

function* rules(rule: Rule | { patterns?: Rule[]; repository?: Record<string, Rule> }): Generator<Rule> {
  const r = rule as Rule & { repository?: Record<string, Rule> };
  yield r;
  for (const child of r.patterns ?? []) yield* rules(child);
  for (const child of Object.values(r.repository ?? {})) yield* rules(child);
}

test('the systemd grammar compiles and scopes the basic shapes', () => {
  assert.equal(grammar.scopeName, 'source.systemd');
  for (const rule of rules(grammar)) for (const source of [rule.match, rule.begin, rule.end]) if (source) assert.doesNotThrow(() => new RegExp(source), source);
  const repo = grammar.repository;
  assert.match('[Service]', new RegExp(repo.section.match!));
  assert.match('  # comment', new RegExp(repo.comment.match!));
  assert.match('; comment', new RegExp(repo.comment.match!));
  const assignment = new RegExp(repo.assignment.begin!).exec('ExecStart=/srv/app/.venv/bin/gunicorn app:app');
  assert.equal(assignment?.[1], 'ExecStart');
  const specifier = repo.value.patterns!.find((p) => p.name?.includes('specifier'))!;
  assert.match('%i', new RegExp(specifier.match!));
  const configuration = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'syntaxes', 'systemd.language-configuration.json'), 'utf8')) as {
    comments: { lineComment: string };
  };
  assert.equal(configuration.comments.lineComment, '#');
});
