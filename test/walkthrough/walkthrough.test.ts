/**
 * What the manifest tells VS Code about trust and virtual workspaces stays true, and the walkthrough's three steps
 * show what the extension really does on the example deployment in examples/ (each claim is checked here).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { documentSelector } from '../../client/src/documentSelector';
import { repoRoot } from '../support/repo';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
}

interface Manifest {
  capabilities: {
    untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] };
    virtualWorkspaces: { supported: boolean | 'limited'; description?: string };
  };
  contributes: {
    configuration: { properties: Record<string, { type: string }> };
    commands: { command: string }[];
    walkthroughs: { id: string; title: string; steps: Step[] }[];
  };
}

const root = repoRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const cli = path.join(root, 'dist', 'cli.js');

/** VS Code's own commands the walkthrough's buttons run (ours come from contributes.commands). */
const BUILT_IN_COMMANDS = new Set(['workbench.actions.view.problems', 'workbench.action.quickOpen', 'workbench.action.terminal.new']);

test('untrusted workspaces are supported: no setting names a program, a path or a command to run', () => {
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
  // The server never runs the user's code; a setting that could point it at an executable would change that answer.
  const risky = Object.keys(manifest.contributes.configuration.properties).filter((key) => /path|command|executable|program|interpreter|node|args/i.test(key));
  assert.deepEqual(risky, []);
});

test('virtual workspaces are limited, and the language server only ever gets files on disk', () => {
  const virtual = manifest.capabilities.virtualWorkspaces;
  assert.equal(virtual.supported, 'limited');
  assert.match(virtual.description ?? '', /disk|file system/);
  const schemes = new Set(documentSelector(['deploy/*.py']).map((filter) => (filter as { scheme?: string }).scheme));
  assert.deepEqual([...schemes], ['file']);
});

test('the walkthrough has three steps, each with a page that is packed and a button that runs a known command', () => {
  assert.equal(manifest.contributes.walkthroughs.length, 1);
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.deepEqual(
    walkthrough.steps.map((step) => step.id),
    ['acrossFiles', 'postForkFix', 'commandLine'],
  );
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
  assert.match(ignore, /^!media\/walkthrough\/\*\*$/m, 'the .vsix takes the walkthrough pages');
  const ours = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const step of walkthrough.steps) {
    assert.ok(step.media.markdown, step.id);
    assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
    const commands = [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.ok(commands.length > 0, `${step.id} has a button`);
    for (const command of commands) assert.ok(BUILT_IN_COMMANDS.has(command) || ours.has(command), command);
  }
});

interface JsonReport {
  diagnostics: { file: string; line: number; rule: string }[];
}

function lint(args: string[]): JsonReport {
  const result = spawnSync(process.execPath, [cli, ...args, '--format', 'json', '--exit-zero'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as JsonReport;
}

test("the walkthrough's claims hold on the example: a 504 on proxy_pass, a refused post_fork that --fix repairs", () => {
  const examples = path.join(root, 'examples');
  const across = fs.readFileSync(path.join(root, 'media', 'walkthrough', 'across-files.md'), 'utf8');
  const before = lint([examples]);
  const site = fs.readFileSync(path.join(examples, 'deploy/nginx/sites-available/myapp.conf'), 'utf8').split('\n');
  const timeout = before.diagnostics.find((d) => d.rule === 'deploy/proxy-timeout');
  assert.ok(timeout, 'deploy/proxy-timeout on the example');
  assert.match(site[timeout.line - 1], /proxy_pass http:\/\/myapp;/);
  assert.match(across, /timeout = 600/);
  assert.match(fs.readFileSync(path.join(examples, 'gunicorn.conf.py'), 'utf8'), /^timeout = 600$/m);
  assert.ok(before.diagnostics.some((d) => d.rule === 'gunicorn/hook-signature' && d.file === 'gunicorn.conf.py'));
  assert.ok(before.diagnostics.some((d) => d.rule === 'gunicorn/preload-db-pool'));

  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-walkthrough-'));
  try {
    fs.cpSync(examples, copy, { recursive: true });
    const after = lint([copy, '--fix']);
    assert.ok(!after.diagnostics.some((d) => d.rule === 'gunicorn/hook-signature'));
    assert.match(fs.readFileSync(path.join(copy, 'gunicorn.conf.py'), 'utf8'), /^def post_fork\(server, worker\):$/m);
    assert.match(fs.readFileSync(path.join(root, 'media', 'walkthrough', 'post-fork-fix.md'), 'utf8'), /def post_fork\(server, worker\):/);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
