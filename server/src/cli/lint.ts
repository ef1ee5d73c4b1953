/**
 * The CLI's main job: resolve the paths given into workspaces, lint every file a format claims (the same walk
 * as the editor), apply safe fixes when asked, and collect one report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lockWorkspace, writeFileAtomically } from './writeFiles';
import { applyEdits, type FileEdit } from '../core/findings';
import type { Settings } from '../core/settings';
import { LanguageService } from '../service/languageService';
import { relativeTo, reporter, sortDiagnostics, type Report } from './report';

/** A folder to treat as a workspace, and the files in it to report on (all managed files when undefined). */
interface Target {
  root: string;
  base: string;
  files?: string[];
}

const MAX_FIX_ROUNDS = 10;

/** `GUNICORN_LINT_DEBUG=1`: the service's own log (a parser that failed to load, a check that threw) on stderr. */
const debugLog = (message: string): void => {
  if (process.env.GUNICORN_LINT_DEBUG === '1') process.stderr.write(`gunicorn-lint: ${message}\n`);
};

/**
 * What went wrong beside the findings: `failures` make the run exit 2 (a file that could not be read, a part of the
 * linter that failed); `warnings` are said on stderr and change nothing (a file named on the command line whose
 * format could not be told: a shell glob often names READMEs too, so refusing the run for it would be unkind).
 */
export interface LintProblems {
  failures: string[];
  warnings: string[];
}

export async function lint(
  paths: readonly string[],
  cwd: string,
  settings: Partial<Settings>,
  fix: boolean,
  problems: LintProblems = { failures: [], warnings: [] },
): Promise<Report> {
  const report: Report = { files: 0, diagnostics: [], sources: new Map(), fixed: 0 };
  const timing = new PhaseTimer(process.env.GUNICORN_LINT_TIMING === '1');
  const targets = resolveTargets(paths, cwd);
  // Several targets: paths relative to the current folder, so `a/nginx.conf` and `b/nginx.conf` stay apart.
  const base = (target: Target) => (targets.length > 1 ? cwd : target.base);
  for (const target of targets) {
    const toReported = reporter(base(target));
    const lock = fix ? await lockWorkspace(target.root) : undefined;
    try {
      const service = await LanguageService.create({ root: target.root, settings, log: debugLog, lazy: true });
      // The parsers before the model's first read: `-c` claims only ever add the gunicorn format, which
      // `prepareFor` already loads for any file that can start gunicorn.
      const claimed = service.filesClaimedByName();
      timing.lap(`walk (${claimed.length} files claimed by name or content)`);
      await service.prepareFor(claimed);
      timing.lap('load the parsers these files need');
      const files = target.files ? explicitFiles(service, target.files, cwd, problems) : service.managedFiles();
      const managed = files.filter((file) => service.hasFindings(file));
      // Every claimed file of the workspace, not only those reported on: a unit reads the config its `-c` names.
      await service.prepareFor([...service.managedFiles(), ...managed]);
      timing.lap(`read the deployment: every claimed file parsed and linked (${managed.length} files to report on)`);
      if (fix) report.fixed += applySafeFixes(service, managed);
      for (const file of managed) {
        const unreadable = service.textOf(file) === undefined ? service.readError(file) : undefined;
        if (unreadable !== undefined) {
          problems.failures.push(`${relativeTo(cwd, file)}: cannot read: ${unreadable}`);
          continue;
        }
        report.files++;
        const diagnostics = service.diagnostics(file);
        const shown = relativeTo(base(target), file);
        timing.lap(`check ${shown}`);
        if (diagnostics.length > 0) report.sources.set(shown, service.textOf(file) ?? '');
        report.diagnostics.push(...diagnostics.map((d) => toReported(d, file)));
      }
      for (const error of service.internalErrors()) if (!problems.failures.includes(error)) problems.failures.push(error);
    } finally {
      lock?.release();
    }
  }
  for (const d of report.diagnostics) {
    if (d.rule === 'gunicorn-lint/internal-error') problems.failures.push(`${d.file}: ${d.message}`);
  }
  sortDiagnostics(report.diagnostics);
  timing.report();
  return report;
}

/**
 * Files named on the command line: each is read by its name, else by its content; one neither tells is named on
 * stderr, never skipped in silence. One that cannot be read at all is a failure.
 */
function explicitFiles(service: LanguageService, files: readonly string[], cwd: string, problems: LintProblems): string[] {
  const kept: string[] = [];
  for (const file of files) {
    const unreadable = service.readError(file);
    if (unreadable !== undefined) {
      problems.failures.push(`${relativeTo(cwd, file)}: cannot read: ${unreadable}`);
      continue;
    }
    if (service.hasFindings(file) || service.claimExplicitly(file) !== undefined) kept.push(file);
    else
      problems.warnings.push(
        `${relativeTo(cwd, file)}: skipped: neither its name nor its content says which format it is (gunicorn config, nginx config, systemd unit or Procfile)`,
      );
  }
  return kept;
}

/** `GUNICORN_LINT_TIMING=1`: where a run's time goes, printed to stderr (as ESLint's TIMING=1). */
class PhaseTimer {
  private last = 0;
  private readonly laps: [string, number][] = [];

  // The global `performance` is itself loaded on first use: a run without timing never touches it.
  constructor(private readonly enabled: boolean) {
    if (!enabled) return;
    this.last = performance.now();
    // What ran before the lint: Node's own start, the launcher and the bundle's top level.
    this.laps.push(['start-up: Node, the code cache and the bundle', this.last]);
  }

  lap(name: string): void {
    if (!this.enabled) return;
    const now = performance.now();
    this.laps.push([name, now - this.last]);
    this.last = now;
  }

  report(): void {
    if (!this.enabled) return;
    const lines = this.laps.map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`);
    process.stderr.write(`${lines.join('\n')}\n${performance.now().toFixed(0)} ms since process start\n`);
  }
}

function resolveTargets(paths: readonly string[], cwd: string): Target[] {
  const given = paths.length > 0 ? paths : ['.'];
  const folders: Target[] = [];
  const loose: string[] = [];
  for (const p of given) {
    const full = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new Error(`${p}: no such file or folder`);
    }
    if (stat.isDirectory()) folders.push({ root: full, base: full });
    else if (!loose.includes(full)) loose.push(full);
  }
  // Loose files are read within the current folder's workspace, so their neighbours (requirements, includes) count.
  if (loose.length > 0) folders.push({ root: cwd, base: cwd, files: loose });
  return folders;
}

/**
 * Applies safe fixes round by round until none is left (or the round cap), writing files; returns the count. A fix
 * is taken whole or not at all: when one of its edits overlaps an edit already taken this round, in any file, the
 * whole fix waits for the next round (re-computed on the new text).
 */
export function applySafeFixes(service: LanguageService, files: readonly string[], write: (file: string, text: string) => void = writeFileAtomically): number {
  let applied = 0;
  const written: string[] = [];
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const editsByFile = new Map<string, FileEdit[]>();
    let roundCount = 0;
    for (const file of files) {
      for (const { fix } of service.fixes(file)) {
        if (!fix.safe) continue;
        const edits = fix.edits.map((edit) => ({ ...edit, path: edit.path ?? file }));
        if (edits.some((edit) => overlapsTaken(editsByFile.get(edit.path), edit))) continue;
        roundCount++;
        for (const edit of edits) (editsByFile.get(edit.path) ?? editsByFile.set(edit.path, []).get(edit.path)!).push(edit);
      }
    }
    if (roundCount === 0) break;
    let changed = false;
    for (const [file, edits] of editsByFile) {
      const before = service.textOf(file) ?? (edits.every((edit) => edit.createFile) ? '' : undefined);
      if (before === undefined) continue;
      const after = applyEdits(before, edits);
      if (after === before) continue;
      try {
        if (before === '') fs.mkdirSync(path.dirname(file), { recursive: true });
        write(file, after);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const done = written.length > 0 ? `already written: ${written.map((f) => relativeTo(service.root, f)).join(', ')}` : 'no file was written';
        throw new Error(`--fix could not write ${relativeTo(service.root, file)} (${reason}); ${done}. Each file is written whole or not at all.`);
      }
      if (!written.includes(file)) written.push(file);
      changed = true;
    }
    service.filesChanged([...editsByFile.keys()]);
    if (!changed) break;
    applied += roundCount;
  }
  return applied;
}

function overlapsTaken(taken: readonly FileEdit[] | undefined, edit: FileEdit): boolean {
  return (taken ?? []).some(
    (other) =>
      (edit.range.start < other.range.end && other.range.start < edit.range.end) ||
      // Two insertions at one offset would interleave: keep them apart too.
      (edit.range.start === other.range.start && edit.range.end === other.range.end),
  );
}
