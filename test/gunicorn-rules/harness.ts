/**
 * Runs the gunicorn config checks on a folder or a text without the language service: parse with the real reader,
 * build the check context as the format does, run GUNICORN_RULES. Used by the rule tests and the gunicorn oracle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, Fix } from '../../server/src/core/findings';
import type { Project } from '../../server/src/core/format';
import { runRules } from '../../server/src/core/rule';
import { DEFAULT_SETTINGS, withDefaults, type Settings } from '../../server/src/core/settings';
import { initPython } from '../../server/src/core/treeSitter';
import type { GunicornCheckContext } from '../../server/src/formats/gunicorn/context';
import { parseGunicornDocument } from '../../server/src/formats/gunicorn/reader/index';
import { GUNICORN_RULES } from '../../server/src/formats/gunicorn/rules/index';
import { gunicornVersionFor } from '../../server/src/formats/requirements/gunicornVersion';
import { findRequirements } from '../../server/src/formats/requirements/index';

export async function ready(): Promise<void> {
  await initPython();
}

/** A project over a real folder, with optional files that replace or add to what is on disk. */
export function folderProject(root: string, overlay: Record<string, string> = {}, settings: Partial<Settings> = {}): Project {
  const virtual = new Map(Object.entries(overlay).map(([rel, text]) => [path.resolve(root, rel), text]));
  const project: Project = {
    root,
    settings: withDefaults({ ...DEFAULT_SETTINGS, ...settings }),
    readFile(file) {
      const resolved = path.resolve(file);
      if (virtual.has(resolved)) return virtual.get(resolved);
      try {
        return fs.readFileSync(resolved, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists(file) {
      return virtual.has(path.resolve(file)) || fs.existsSync(file);
    },
    isDirectory(file) {
      try {
        return fs.statSync(file).isDirectory();
      } catch {
        return false;
      }
    },
    listDirectory(dir) {
      const names = new Set<string>();
      try {
        for (const name of fs.readdirSync(dir)) names.add(name);
      } catch {
        /* missing folder */
      }
      for (const file of virtual.keys()) if (path.dirname(file) === path.resolve(dir)) names.add(path.basename(file));
      return [...names].sort();
    },
    workspaceFiles() {
      return [...this.listDirectory(root).map((name) => path.join(root, name))];
    },
    parsed() {
      return undefined;
    },
  };
  return project;
}

export interface CheckRun {
  context: GunicornCheckContext;
  findings: (Finding & { severity: NonNullable<Finding['severity']> })[];
}

/** Every finding of the gunicorn config checks for `text` at `file`, with effective default severities. */
export function checkConfig(project: Project, file: string, text: string): CheckRun {
  const document = parseGunicornDocument(text);
  const requirements = findRequirements(project, file);
  const version = gunicornVersionFor(project, file, requirements ?? null);
  const context: GunicornCheckContext = {
    path: file,
    text,
    document,
    project,
    model: document.model,
    version: version.version,
    versionSource: version.source,
    requirements,
  };
  const errors: string[] = [];
  const findings = runRules(GUNICORN_RULES, context, (rule, error) => errors.push(`${rule}: ${String(error)}`));
  if (errors.length > 0) throw new Error(`rules threw:\n${errors.join('\n')}`);
  const severityOf = new Map(GUNICORN_RULES.map((rule) => [rule.id, rule.severity]));
  return {
    context,
    findings: findings.map((finding) => ({ ...finding, severity: finding.severity ?? severityOf.get(finding.rule)! })),
  };
}

/** The first fix of each finding, as the fixture runner applies them. */
export function firstFixes(run: CheckRun): { finding: Finding; fix: Fix }[] {
  const out: { finding: Finding; fix: Fix }[] = [];
  for (const finding of run.findings) {
    const rule = GUNICORN_RULES.find((candidate) => candidate.id === finding.rule);
    const fix = rule?.fixes?.(finding, run.context)[0];
    if (fix) out.push({ finding, fix });
  }
  return out;
}

export function fixturesDir(): string {
  // out-NAME/test/gunicorn-rules -> repo/test/fixtures/gunicorn
  return path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'gunicorn');
}
