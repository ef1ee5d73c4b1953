/**
 * Agreement with Debian's `systemd-analyze verify` (systemd 252): over every fixture unit and a set of generated
 * variations, (1) every line systemd warns about (unknown key or section, unparsable value, syntax) carries one
 * of our diagnostics, (2) units systemd reads without such a warning get no syntax/name/value diagnostic from us,
 * and (3) every `.fixed` unit reads cleanly. Other checks (kill-mode, missing-reload...) are about production
 * behaviour, which systemd does not judge. Skipped with a reason when systemd-analyze is not installed.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import { systemdFormat } from '../../server/src/formats/systemd';
import { fixturesRoot } from '../support/repo';
import { generatedUnits } from './oracleUnits';
import { diskProject } from './support';
import { skipMissingOracle } from '../support/oracles';

const PARSE_RULES = new Set(['systemd/syntax', 'systemd/unknown-section', 'systemd/unknown-directive', 'systemd/invalid-value']);
/** Line-level messages that are not about reading the file. */
const NOT_ABOUT_PARSING = [/Special user .* configured/, /is not executable/, /KillMode=none/];

function findVerify(): string | undefined {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return 'systemd-analyze';
  } catch {
    return undefined;
  }
}

interface OracleRun {
  /** 1-based lines systemd warned about while reading the file. */
  lines: Set<number>;
  messages: string[];
}

function verify(file: string): Promise<OracleRun> {
  return new Promise((resolve) => {
    execFile('systemd-analyze', ['verify', '--man=no', '--recursive-errors=no', file], { timeout: 20_000 }, (_error, stdout, stderr) => {
      const lines = new Set<number>();
      const messages: string[] = [];
      const prefix = file + ':';
      for (const line of `${stdout}\n${stderr}`.split('\n')) {
        if (!line.startsWith(prefix)) continue;
        const match = /^(\d+): (.*)$/.exec(line.slice(prefix.length));
        if (!match || NOT_ABOUT_PARSING.some((re) => re.test(match[2]))) continue;
        lines.add(Number(match[1]));
        messages.push(line);
      }
      resolve({ lines, messages });
    });
  });
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

interface Case {
  label: string;
  /** The unit inside a temp copy of its folder (drop-ins and sibling units beside it). */
  file: string;
  root: string;
  fixed: boolean;
}

/** Replaces Exec*= programs that do not exist with an executable stub in the temp folder (same line count). */
function stubPrograms(file: string, stubDir: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const out = text.replace(/^(\s*Exec[A-Za-z]*=[-@:+!]*)(\/[^\s\\]+)/gm, (all, head: string, program: string) => {
    if (fs.existsSync(program)) return all;
    const stub = path.join(stubDir, program.replace(/[^A-Za-z0-9]/g, '_'));
    if (!fs.existsSync(stub)) fs.writeFileSync(stub, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    return head + stub;
  });
  fs.writeFileSync(file, out);
}

function collectCases(tmp: string): Case[] {
  const cases: Case[] = [];
  const stubDir = path.join(tmp, 'bin');
  fs.mkdirSync(stubDir, { recursive: true });
  const domain = path.join(fixturesRoot(), 'systemd');
  for (const scenario of fs.existsSync(domain) ? fs.readdirSync(domain).sort() : []) {
    const source = path.join(domain, scenario);
    if (!fs.statSync(source).isDirectory()) continue;
    for (const [sub, fixed] of [
      ['', false],
      ['.fixed', true],
    ] as const) {
      const from = path.join(source, sub);
      if (!fs.existsSync(from)) continue;
      const to = path.join(tmp, 'fixtures', scenario + (fixed ? '.fixed' : ''));
      fs.cpSync(from, to, { recursive: true, filter: (p) => !p.endsWith('.fixed') || p === from });
      if (fixed) {
        // .fixed holds only changed files: take the others from the scenario.
        for (const name of fs.readdirSync(source))
          if (name !== '.fixed' && !fs.existsSync(path.join(to, name))) fs.cpSync(path.join(source, name), path.join(to, name), { recursive: true });
      }
      for (const name of fs.readdirSync(to).sort()) {
        if (!/\.(service|socket)$/.test(name)) continue;
        if (fixed && !fs.existsSync(path.join(from, name))) continue;
        stubPrograms(path.join(to, name), stubDir);
        cases.push({ label: `${scenario}${fixed ? '/.fixed' : ''}/${name}`, file: path.join(to, name), root: to, fixed });
      }
    }
  }
  const generated = path.join(tmp, 'generated');
  fs.mkdirSync(generated);
  for (const unit of generatedUnits()) {
    const dir = path.join(generated, unit.name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, unit.name), unit.text, unit.encoding ?? 'utf8');
    cases.push({ label: `generated/${unit.name}`, file: path.join(dir, unit.name), root: dir, fixed: false });
  }
  return cases;
}

/**
 * Lines (1-based) covered by our parse-level findings: the lines of each finding's own range (systemd names the last
 * line of a continued assignment, so a finding must reach that line).
 */
function ourLines(file: string, root: string): { lines: Set<number>; any: string[] } {
  const project = diskProject(root, { systemdVersion: '252' });
  const text = fs.readFileSync(file, 'utf8');
  const document = systemdFormat.parse(text, file);
  const findings = systemdFormat.check({ path: file, text, document, project }).filter((f) => PARSE_RULES.has(f.rule));
  const index = new LineIndex(text);
  const lines = new Set<number>();
  for (const finding of findings) {
    const from = index.positionAt(finding.range.start).line;
    const to = index.positionAt(Math.max(finding.range.start, finding.range.end - 1)).line;
    for (let line = from; line <= to; line++) lines.add(line + 1);
  }
  return { lines, any: findings.map((f) => `${index.positionAt(f.range.start).line + 1}: ${f.rule} ${f.message}`) };
}

test('systemd-analyze verify agrees with our syntax, name and value checks', async (t) => {
  if (!findVerify()) {
    skipMissingOracle(t, 'systemd-analyze not installed (apt-get install -y systemd)');
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systemd-oracle-'));
  try {
    const cases = collectCases(tmp);
    assert.ok(cases.length >= 80, `only ${cases.length} units`);
    const runs = await mapLimit(cases, 2, (c) => verify(c.file));
    const problems: string[] = [];
    let warned = 0;
    cases.forEach((c, i) => {
      const oracle = runs[i];
      const ours = ourLines(c.file, c.root);
      if (oracle.lines.size > 0) warned++;
      for (const line of oracle.lines) {
        if (!ours.lines.has(line)) problems.push(`${c.label}:${line}: systemd warns, we are silent: ${oracle.messages.find((m) => m.includes(`:${line}: `))}`);
      }
      if (oracle.lines.size === 0 && ours.any.length > 0) problems.push(`${c.label}: systemd accepts it, we report\n    ${ours.any.join('\n    ')}`);
      if (c.fixed && oracle.lines.size > 0) problems.push(`${c.label}: a fixed unit does not pass systemd-analyze\n    ${oracle.messages.join('\n    ')}`);
    });
    assert.ok(warned >= 20, `the oracle warned on only ${warned} units: the corpus is not exercising it`);
    assert.deepEqual(problems, []);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
