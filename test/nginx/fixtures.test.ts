/**
 * The nginx fixture scenarios, checked with the same marker rules as the lead's runner: exhaustive both ways,
 * and every `.fixed/` file equal to the text after applying the first fix of every finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, type Finding } from '../../server/src/core/findings';
import { LineIndex } from '../../server/src/core/text';
import { nginxFormat, nginxRules } from '../../server/src/formats/nginx';
import { folderProject } from './project';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'nginx');
const MARKER = /^(\s*)#(\^*)\s+(error|warning|info)\s+(\S+)\s*$/;
const SEVERITY = new Map(nginxRules.map((r) => [r.id, r.severity]));

function files(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    if (name === '.fixed') continue;
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) files(full, out);
    else out.push(full);
  }
  return out;
}

function expectations(text: string): Set<string> {
  const lines = text.split('\n');
  const out = new Set<string>();
  let target = -1;
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const start = m[1].length + (m[2].length > 0 && m[1].length === 0 ? 0 : 1) - (m[1].length === 0 ? 0 : 0);
    const col = m[1].length === 0 ? 0 : m[1].length + 1;
    const width = m[1].length === 0 ? m[2].length + 1 : m[2].length;
    void start;
    out.add(`${target}:${col}:${col + width}:${m[3]}:${m[4]}`);
  });
  return out;
}

function describe(text: string, finding: Finding): string {
  const index = new LineIndex(text);
  const start = index.positionAt(finding.range.start);
  const end = index.positionAt(finding.range.end);
  const endCol = end.line === start.line ? end.character : index.lineText(start.line).length;
  return `${start.line}:${start.character}:${endCol}:${finding.severity ?? SEVERITY.get(finding.rule)}:${finding.rule}`;
}

const scenarios = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).sort() : [];

for (const scenario of scenarios) {
  test(`fixture nginx/${scenario}`, () => {
    const root = path.join(FIXTURES, scenario);
    const project = folderProject(root, {});
    const allEdits = new Map<string, { range: { start: number; end: number }; newText: string }[]>();
    for (const file of files(root)) {
      const text = fs.readFileSync(file, 'utf8');
      const document = nginxFormat.parse(text, file);
      const context = { path: file, text, document, project };
      const findings = nginxFormat.check(context);
      assert.deepEqual(new Set(findings.map((f) => describe(text, f))), expectations(text), path.relative(root, file));
      // Fixes run on the text without marker lines.
      const clean = text.split('\n').filter((l) => !MARKER.test(l)).join('\n');
      const cleanContext = { path: file, text: clean, document: nginxFormat.parse(clean, file), project: folderProject(root, {}, { [file]: clean }) };
      for (const finding of nginxFormat.check(cleanContext)) {
        const fix = nginxFormat.fixes?.(finding, cleanContext)[0];
        for (const edit of fix?.edits ?? []) {
          const target = edit.path ?? file;
          const list = allEdits.get(target) ?? [];
          list.push(edit);
          allEdits.set(target, list);
        }
      }
    }
    for (const [file, edits] of allEdits) {
      const raw = fs.readFileSync(file, 'utf8');
      const clean = raw.split('\n').filter((l) => !MARKER.test(l)).join('\n');
      const fixed = applyEdits(clean, edits);
      const expected = path.join(root, '.fixed', path.relative(root, file));
      assert.ok(fs.existsSync(expected), `a fix changed ${path.relative(root, file)} but .fixed has no copy`);
      assert.equal(fixed, fs.readFileSync(expected, 'utf8'));
    }
  });
}
