/**
 * The CLI's main job: resolve the paths given into workspaces, lint every file a format claims (the same walk
 * as the editor), apply safe fixes when asked, and collect one report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, type FileEdit } from '../core/findings';
import type { Settings } from '../core/settings';
import { LanguageService } from '../service/languageService';
import { relativeTo, sortDiagnostics, toReported, type Report } from './report';

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

export async function lint(paths: readonly string[], cwd: string, settings: Partial<Settings>, fix: boolean): Promise<Report> {
  const report: Report = { files: 0, diagnostics: [], sources: new Map(), fixed: 0 };
  const timing = new PhaseTimer(process.env.GUNICORN_LINT_TIMING === '1');
  for (const target of resolveTargets(paths, cwd)) {
    const service = await LanguageService.create({ root: target.root, settings, log: debugLog, lazy: true });
    const files = target.files ?? service.managedFiles();
    const managed = files.filter((file) => service.hasFindings(file));
    timing.lap(`walk (${managed.length} of ${files.length} files claimed)`);
    // Every claimed file of the workspace, not only those reported on: a unit reads the config its `-c` names.
    await service.prepareFor(service.managedFiles());
    timing.lap('load the parsers these files need');
    if (fix) report.fixed += applySafeFixes(service, managed);
    for (const file of managed) {
      report.files++;
      const diagnostics = service.diagnostics(file);
      timing.lap(`check ${relativeTo(target.base, file)}`);
      if (diagnostics.length > 0) report.sources.set(relativeTo(target.base, file), service.textOf(file) ?? '');
      report.diagnostics.push(...diagnostics.map((d) => toReported(d, file, target.base)));
    }
  }
  sortDiagnostics(report.diagnostics);
  timing.report();
  return report;
}

/** `GUNICORN_LINT_TIMING=1`: where a run's time goes, printed to stderr (as ESLint's TIMING=1). */
class PhaseTimer {
  private last = 0;
  private readonly laps: [string, number][] = [];

  // The global `performance` is itself loaded on first use: a run without timing never touches it.
  constructor(private readonly enabled: boolean) {
    if (enabled) this.last = performance.now();
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
    else loose.push(full);
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
function applySafeFixes(service: LanguageService, files: readonly string[]): number {
  let applied = 0;
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
      if (before === '') fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, after);
      changed = true;
    }
    service.filesChanged([...editsByFile.keys()]);
    if (!changed) break;
    applied += roundCount;
  }
  return applied;
}

function overlapsTaken(taken: readonly FileEdit[] | undefined, edit: FileEdit): boolean {
  return (taken ?? []).some((other) =>
    edit.range.start < other.range.end && other.range.start < edit.range.end ||
    // Two insertions at one offset would interleave: keep them apart too.
    (edit.range.start === other.range.start && edit.range.end === other.range.end));
}
