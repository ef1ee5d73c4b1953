/**
 * The pure language service: (workspace, file, position) -> LSP types. The LSP glue and the CLI both call it,
 * so the editor and CI see exactly the same findings. It owns severities, suppressions, the size cap and the
 * conversion from offsets; formats own meaning.
 */
import * as lsp from 'vscode-languageserver-types';
import type { AnalysisContext, FormatSupport } from '../core/format';
import type { Finding, Fix, Severity } from '../core/findings';
import { docsUrl, INTERNAL_ERROR, internalErrorFinding } from '../core/rule';
import { withDefaults, type Settings } from '../core/settings';
import { isSuppressed, parseSuppressions } from '../core/suppressions';
import { compareStrings, LineIndex } from '../core/text';
import { toPosix } from '../core/paths';
import * as nodePath from 'node:path';
import { contentHash } from '../core/contentHash';
import { noteFeaturesUsed } from '../core/launchHints';
import { CheckCache } from './checkCache';
import { completionKind, SEVERITY, symbolKind, toRange, toUri } from './convert';
import { nodeFileSystem, type FileSystemHost } from './fileSystem';
import { FORMATS, ruleMeta } from './formats';
import { WorkspaceProject } from './project';
import { completionReplaceRange } from './completionRange';
import { DeploymentView } from './deploymentView';
import type { DeploymentModel } from '../deployment/model';

export type { FileSystemHost } from './fileSystem';

export interface ServiceOptions {
  root: string;
  fs?: FileSystemHost;
  settings?: Partial<Settings>;
  log?: (message: string) => void;
  /** The formats, in claiming order (tests pass failing ones); the product's by default. */
  formats?: readonly FormatSupport<unknown>[];
}

/** A finding with the severity that applies after settings. */
export interface EffectiveFinding {
  finding: Finding;
  severity: Severity;
}

interface FileContext {
  format: FormatSupport<unknown>;
  context: AnalysisContext<unknown>;
  index: LineIndex;
}

/** A file's diagnostics with an id that changes exactly when they do (LSP result ids for pull diagnostics). */
export interface DiagnosticReport {
  resultId: string;
  diagnostics: lsp.Diagnostic[];
}

export const SOURCE = 'gunicorn-lint';

/** A result id from the diagnostics themselves: equal diagnostics, equal ids, whatever happened in between. */
function resultIdOf(diagnostics: readonly lsp.Diagnostic[]): string {
  return contentHash(JSON.stringify(diagnostics));
}

/** The result id of a file without diagnostics. */
export const EMPTY_RESULT_ID = resultIdOf([]);
const FILE_TOO_LARGE = 'gunicorn-lint/file-too-large';
/** Reports remembered at most: the workspace walk is capped below this. */
const MAX_REPORTS = 20_000;

export class LanguageService {
  private readonly project: WorkspaceProject;
  private readonly log: (message: string) => void;
  private readonly indexes = new Map<string, LineIndex>();
  private readonly deployment: DeploymentView;
  private readonly initialised = new Set<FormatSupport<unknown>>();
  private readonly formats: readonly FormatSupport<unknown>[];
  /** Formats whose initialisation failed (a grammar that did not load), with the reason. */
  private readonly initFailures = new Map<FormatSupport<unknown>, string>();
  /** What failed while the deployment model was built (it logs only failures), for the revision it was built at. */
  private modelFailures: { revision: number; messages: string[] } = { revision: -1, messages: [] };
  private syncingClaims = false;
  /** The revision whose `-c` claims are in place: claims are settled once per revision, not once per question. */
  private claimsRevision = -1;
  /** Single-file findings, reused while what they were computed from is unchanged (see CheckCache). */
  private readonly checks: CheckCache;
  /** Each file's diagnostics and result id, for the revision they were computed at. */
  private readonly reports = new Map<string, DiagnosticReport & { revision: number }>();
  private readonly uris = new Map<string, string>();

  private constructor(options: ServiceOptions) {
    this.log = options.log ?? (() => undefined);
    this.formats = options.formats ?? FORMATS;
    this.project = new WorkspaceProject(options.root, options.fs ?? nodeFileSystem, withDefaults(options.settings), this.formats);
    this.checks = new CheckCache(this.project);
    this.deployment = new DeploymentView(this.project, (message) => {
      this.log(message);
      const revision = this.project.revision;
      if (this.modelFailures.revision !== revision) this.modelFailures = { revision, messages: [] };
      this.modelFailures.messages.push(message);
    });
  }

  /**
   * A ready service. By default every format is initialised (the editor's case); with `lazy`, none is, and
   * `prepareFor(files)` initialises just the formats those files need (the CLI's case: an nginx-only run never loads
   * the Python grammar).
   */
  static async create(options: ServiceOptions & { lazy?: boolean }): Promise<LanguageService> {
    const service = new LanguageService(options);
    if (!options.lazy) await service.initialise(service.formats);
    return service;
  }

  /**
   * Every workspace file a format claims by its name or first bytes, before the `-c` claims are settled: settling
   * them builds the deployment model, which parses every claimed file, so the CLI initialises these files' formats
   * first (a grammar initialised after that read would throw the model away and have it built twice).
   */
  filesClaimedByName(): string[] {
    return this.project.claimedFiles();
  }

  /** Initialises the formats that claim these files (formats are initialised once). */
  async prepareFor(files: readonly string[]): Promise<void> {
    const needed = new Set(files.map((file) => this.project.formatOf(file)).filter((format) => format !== undefined));
    // The deployment model reads app modules (Python) for every file that starts gunicorn (a unit, a Procfile, an
    // image...): those need the Python grammar even when no gunicorn config is among the files. nginx alone does not.
    const startsGunicorn = [...needed].some((format) => format.language !== 'nginx' && format.language !== 'python');
    if (startsGunicorn) for (const format of this.formats) if (format.language === 'python') needed.add(format);
    await this.initialise([...needed]);
  }

  private async initialise(formats: readonly FormatSupport<unknown>[]): Promise<void> {
    let initialised = false;
    for (const format of formats) {
      if (this.initialised.has(format)) continue;
      this.initialised.add(format);
      initialised = true;
      noteFeaturesUsed([format.language]);
      try {
        await format.init?.();
      } catch (error) {
        this.initFailures.set(format, error instanceof Error ? error.message : String(error));
        this.log(`${format.language}: initialisation failed: ${String(error)}`);
      }
    }
    // Anything parsed before a grammar was there (the model reads every claimed file) is parsed again.
    if (initialised) this.project.forgetParses();
  }

  get root(): string {
    return this.project.root;
  }

  get settings(): Settings {
    return this.project.settings;
  }

  updateSettings(settings: Partial<Settings>): void {
    this.project.settings = withDefaults({ ...this.project.settings, ...settings });
  }

  // --- documents ------------------------------------------------------------------------------------------

  openDocument(path: string, text: string, version: number): void {
    this.project.setOpen(path, text, version);
  }

  changeDocument(path: string, text: string, version: number): void {
    this.project.setOpen(path, text, version);
  }

  closeDocument(path: string): void {
    this.project.close(path);
    this.project.invalidate([path]);
  }

  filesChanged(paths: string[]): void {
    this.project.invalidate(paths);
    // A deleted file's cached text and findings must not outlive it.
    for (const path of paths) if (!this.project.exists(path)) this.forget(path);
  }

  /** Drops what is remembered about a file that went away. */
  private forget(path: string): void {
    this.checks.forget(path);
    this.reports.delete(path);
    this.indexes.delete(path);
  }

  isManaged(path: string): boolean {
    this.syncClaims();
    return this.project.formatOf(path) !== undefined;
  }

  /**
   * The configs gunicorn command lines name with `-c` are gunicorn configs whatever their names: the model says
   * which they are, and the project claims them for the gunicorn format (so its checks, hover and symbols apply).
   * Claiming changes the revision, so the model is built again once with them claimed.
   */
  private syncClaims(): void {
    if (this.syncingClaims || this.claimsRevision === this.project.revision) return;
    const gunicorn = this.formats.find((format) => format.language === 'python');
    if (!gunicorn) return;
    this.syncingClaims = true;
    try {
      for (let round = 0; round < 3; round++) {
        if (!this.project.setReferencedClaims(this.deployment.configFiles(), gunicorn)) break;
      }
    } finally {
      this.syncingClaims = false;
    }
    this.claimsRevision = this.project.revision;
  }

  /**
   * A file named explicitly (on the command line): claimed by its name, else by its content; returns its language,
   * or undefined when neither tells what it is.
   */
  claimExplicitly(path: string): string | undefined {
    this.syncClaims();
    return this.project.claimExplicitly(path)?.language;
  }

  /** Why a file that exists cannot be read (permissions, a broken link); undefined when it can. */
  readError(path: string): string | undefined {
    return this.project.readError(path);
  }

  /**
   * What failed inside the linter itself: formats that did not initialise, cross-file checks that threw. Never
   * empty when a result may be incomplete; the CLI exits 2 on it.
   */
  internalErrors(): string[] {
    this.deployment.appModules(); // builds the model for the current revision, recording its failures
    const errors = [...this.initFailures].map(([format, reason]) => `the ${format.language} support failed to load: ${reason}`);
    if (this.modelFailures.revision === this.project.revision) errors.push(...this.modelFailures.messages.map((message) => `cross-file check: ${message}`));
    return errors;
  }

  languageOf(path: string): string | undefined {
    return this.project.formatOf(path)?.language;
  }

  /** Every file of the workspace that some format claims, plus the app modules the deployment model read; sorted. */
  managedFiles(): string[] {
    this.syncClaims();
    const claimed = this.project.claimedFiles();
    const read = [...this.deployment.appModules()].filter((file) => !this.isManaged(file));
    return read.length === 0 ? claimed : [...claimed, ...read].sort(compareStrings);
  }

  /**
   * The files the workspace diagnostics report on: every claimed file of the (bounded) walk, the app modules the
   * model read, and any other file the model places a finding in; sorted.
   */
  diagnosticFiles(): string[] {
    const files = new Set(this.managedFiles());
    for (const file of this.deployment.findingFiles()) files.add(file);
    // Reports of files no longer covered (deleted, no longer claimed) are not kept.
    for (const file of this.reports.keys()) if (!files.has(file) && !this.project.isOpen(file)) this.forget(file);
    return [...files].sort(compareStrings);
  }

  /**
   * A file's diagnostics with a result id derived from their content, so the id stays the same across revisions
   * (edits elsewhere) while they do; computed once per revision.
   */
  diagnosticReport(path: string): DiagnosticReport {
    const cached = this.reports.get(path);
    if (cached?.revision === this.project.revision) return cached;
    const diagnostics = this.diagnostics(path);
    const resultId = resultIdOf(diagnostics);
    // The revision after computing: settling claims on the way may have moved it on.
    const report = { revision: this.project.revision, resultId, diagnostics: cached?.resultId === resultId ? cached.diagnostics : diagnostics };
    if (this.reports.size >= MAX_REPORTS && !cached) this.reports.clear();
    this.reports.set(path, report);
    return report;
  }

  /** Whether a file can carry findings: claimed by a format, or an app module of a deployment. */
  hasFindings(path: string): boolean {
    return this.isManaged(path) || this.deployment.appModules().has(path);
  }

  /**
   * The files whose cross-file findings changed since the last call (after edits anywhere): the LSP refreshes or
   * re-publishes them at once instead of waiting for its debounce.
   */
  takeChangedFiles(): string[] {
    return this.deployment.takeChangedFiles();
  }

  /** The deployment model of the current revision, read-only (the deployment map draws it). */
  deploymentModel(): DeploymentModel {
    return this.deployment.model();
  }

  textOf(path: string): string | undefined {
    return this.project.readFile(path);
  }

  // --- diagnostics ----------------------------------------------------------------------------------------

  /** Findings after severity settings and suppression comments, in source order. */
  findings(path: string): EffectiveFinding[] {
    const file = this.fileContext(path);
    const raw: Finding[] = [];
    if (file) {
      try {
        raw.push(...this.checks.run(file.context, (context) => file.format.check(context)));
      } catch (error) {
        this.log(`${path}: check failed: ${String(error)}`);
        raw.push(internalErrorFinding(`the ${file.format.language} checks failed`, error));
      }
    }
    raw.push(...this.internalFindings(path, file));
    const size = this.project.fileSize(path);
    if (size === undefined || size <= this.project.settings.maxFileBytes) raw.push(...this.deployment.findings(path));
    if (raw.length === 0) return [];
    const text = file?.context.text ?? this.project.readFile(path);
    const index = file?.index ?? this.indexFor(path);
    if (text === undefined || !index) return [];
    const suppressions = parseSuppressions(text, index);
    const result: EffectiveFinding[] = [];
    for (const finding of raw) {
      const setting = this.project.settings.rules[finding.rule];
      // A failure of the linter itself cannot be turned off or suppressed: it is never "no problems".
      const internal = finding.rule === INTERNAL_ERROR;
      if (setting === 'off' && !internal) continue;
      if (!internal && isSuppressed(finding, suppressions, index)) continue;
      const severity: Severity = internal || setting === 'off' ? 'error' : (setting ?? finding.severity ?? ruleMeta(finding.rule)?.severity ?? 'warning');
      result.push({ finding: clampFinding(finding, text.length), severity });
    }
    return result.sort((a, b) => a.finding.range.start - b.finding.range.start || a.finding.range.end - b.finding.range.end);
  }

  /** The internal-error findings that concern a file: its format did not load or its parse threw; the model failed. */
  private internalFindings(path: string, file: FileContext | undefined): Finding[] {
    const format = file?.format ?? this.project.formatOf(path);
    if (!format) return [];
    const found: Finding[] = [];
    const initFailure = this.initFailures.get(format);
    if (initFailure !== undefined) found.push(internalErrorFinding(`the ${format.language} support failed to load`, initFailure));
    const parseFailure = this.project.parseFailure(path);
    if (!file && parseFailure !== undefined) found.push(internalErrorFinding(`the ${format.language} parser failed on this file`, parseFailure));
    this.deployment.appModules(); // the model of this revision, with its failures recorded
    if (this.modelFailures.revision === this.project.revision && this.modelFailures.messages.length > 0) {
      found.push(internalErrorFinding('the cross-file checks failed', this.modelFailures.messages.join('; ')));
    }
    return found;
  }

  diagnostics(path: string): lsp.Diagnostic[] {
    const tooLarge = this.tooLargeDiagnostic(path);
    if (tooLarge) return [tooLarge];
    const index = this.indexFor(path);
    if (!index) return [];
    return this.findings(path).map(({ finding, severity }) => this.toDiagnostic(finding, severity, index));
  }

  private toDiagnostic(finding: Finding, severity: Severity, index: LineIndex): lsp.Diagnostic {
    const diagnostic: lsp.Diagnostic = {
      range: toRange(index, finding.range),
      severity: SEVERITY[severity],
      code: finding.rule,
      codeDescription: { href: docsUrl(finding.rule) },
      source: SOURCE,
      message: finding.message,
      data: { rule: finding.rule },
    };
    const related = (finding.related ?? []).flatMap((place) => {
      const otherIndex = this.indexFor(place.path);
      return otherIndex ? [{ location: lsp.Location.create(this.uriOf(place.path), toRange(otherIndex, place.range)), message: place.message }] : [];
    });
    if (related.length > 0) diagnostic.relatedInformation = related;
    return diagnostic;
  }

  private tooLargeDiagnostic(path: string): lsp.Diagnostic | undefined {
    if (!this.isManaged(path)) return undefined;
    const size = this.project.fileSize(path);
    const cap = this.project.settings.maxFileBytes;
    if (size === undefined || size <= cap) return undefined;
    return {
      range: lsp.Range.create(0, 0, 0, 0),
      severity: lsp.DiagnosticSeverity.Information,
      code: FILE_TOO_LARGE,
      codeDescription: { href: docsUrl(FILE_TOO_LARGE) },
      source: SOURCE,
      message: `This file is larger than ${Math.round(cap / 1024)} KiB, so gunicorn-lint does not analyse it.`,
    };
  }

  // --- fixes ----------------------------------------------------------------------------------------------

  /** Every fix for the findings of a file, in offsets: for `--fix` and tests. */
  fixes(path: string): { finding: Finding; fix: Fix }[] {
    const file = this.fileContext(path);
    const result: { finding: Finding; fix: Fix }[] = [];
    for (const { finding } of this.findings(path)) {
      for (const fix of this.safeFixes(path, file, finding)) result.push({ finding, fix });
    }
    return result;
  }

  private safeFixes(path: string, file: FileContext | undefined, finding: Finding): Fix[] {
    return this.rawFixes(path, file, finding).map((fix) => this.withLineEndings(path, fix));
  }

  private rawFixes(path: string, file: FileContext | undefined, finding: Finding): Fix[] {
    if (this.deployment.owns(finding)) return this.deployment.fixes(finding);
    if (!file) return [];
    try {
      return file.format.fixes?.(finding, file.context) ?? [];
    } catch (error) {
      this.log(`${path}: fixes for ${finding.rule} failed: ${String(error)}`);
      return [];
    }
  }

  /** Fixes write `\n`; in a file whose lines end in CRLF, the inserted lines do too. */
  private withLineEndings(path: string, fix: Fix): Fix {
    let changed = false;
    const edits = fix.edits.map((edit) => {
      if (!edit.newText.includes('\n')) return edit;
      const text = this.project.readFile(edit.path ?? path);
      if (text === undefined || !usesCrlf(text)) return edit;
      changed = true;
      return { ...edit, newText: edit.newText.replace(/\r?\n/g, '\r\n') };
    });
    return changed ? { ...fix, edits } : fix;
  }

  codeActions(path: string, range: lsp.Range, diagnostics: lsp.Diagnostic[]): lsp.CodeAction[] {
    const file = this.fileContext(path);
    const index = this.indexFor(path);
    if (!index) return [];
    const start = index.offsetAt(range.start);
    const end = index.offsetAt(range.end);
    const actions: lsp.CodeAction[] = [];
    for (const { finding, severity } of this.findings(path)) {
      if (finding.range.end < start || finding.range.start > end) continue;
      const diagnostic = this.toDiagnostic(finding, severity, index);
      const requested = diagnostics.find((d) => d.code === finding.rule && rangesEqual(d.range, diagnostic.range));
      if (diagnostics.length > 0 && !requested) continue;
      const forDiagnostic = requested ?? diagnostic;
      for (const fix of this.safeFixes(path, file, finding)) {
        actions.push({
          title: fix.title,
          kind: lsp.CodeActionKind.QuickFix,
          diagnostics: [forDiagnostic],
          isPreferred: fix.preferred ?? false,
          edit: this.workspaceEdit(path, fix),
        });
      }
      actions.push(this.suppressAction(path, index, finding, forDiagnostic));
    }
    return actions;
  }

  /** `# gunicorn-lint: disable=<id>` on its own line above: the one form every format accepts. */
  private suppressAction(path: string, index: LineIndex, finding: Finding, diagnostic: lsp.Diagnostic): lsp.CodeAction {
    const line = index.positionAt(finding.range.start).line;
    const lineText = index.lineText(line);
    const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
    const lineStart = index.lineStart(line);
    const edit = lsp.TextEdit.insert(index.positionAt(lineStart), `${indent}# gunicorn-lint: disable=${finding.rule}\n`);
    return {
      title: `Disable ${finding.rule} for this line`,
      kind: lsp.CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [toUri(path)]: [edit] } },
    };
  }

  /**
   * A fix as one workspace edit, whole or not at all: a fix that touches a file we cannot read (and does not
   * create it) is dropped rather than half applied. A fix that creates a file uses documentChanges.
   */
  private workspaceEdit(path: string, fix: Fix): lsp.WorkspaceEdit {
    const byFile = new Map<string, { create: boolean; edits: lsp.TextEdit[] }>();
    for (const edit of fix.edits) {
      const target = edit.path ?? path;
      const entry = byFile.get(target) ?? byFile.set(target, { create: false, edits: [] }).get(target)!;
      if (edit.createFile && this.project.readFile(target) === undefined) {
        entry.create = true;
        entry.edits.push(lsp.TextEdit.insert(lsp.Position.create(0, 0), edit.newText));
        continue;
      }
      const index = this.indexFor(target);
      if (!index) return { changes: {} };
      entry.edits.push(lsp.TextEdit.replace(toRange(index, edit.range), edit.newText));
    }
    if (![...byFile.values()].some((entry) => entry.create)) {
      const changes: Record<string, lsp.TextEdit[]> = {};
      for (const [target, entry] of byFile) changes[toUri(target)] = entry.edits;
      return { changes };
    }
    const documentChanges: (lsp.TextDocumentEdit | lsp.CreateFile)[] = [];
    for (const [target, entry] of byFile) {
      const uri = toUri(target);
      if (entry.create) documentChanges.push(lsp.CreateFile.create(uri, { ignoreIfExists: true }));
      documentChanges.push(lsp.TextDocumentEdit.create({ uri, version: entry.create ? null : (this.project.openVersion(target) ?? null) }, entry.edits));
    }
    return { documentChanges };
  }

  // --- navigation and help --------------------------------------------------------------------------------

  hover(path: string, position: lsp.Position): lsp.Hover | null {
    return this.guard(path, null, (file) => {
      const offset = file.index.offsetAt(position);
      const result = file.format.hover?.(file.context, offset);
      if (!result) return null;
      const note = this.deployment.overrideNote(path, offset, (place) => this.describePlace(place));
      const markdown = note ? `${result.markdown}\n\n---\n\n${note}` : result.markdown;
      return { contents: { kind: lsp.MarkupKind.Markdown, value: markdown }, range: toRange(file.index, result.range) };
    });
  }

  /** `deploy/app.service:12` for a place, relative to the workspace root. */
  private describePlace(place: { path: string; range: { start: number } }): string {
    const index = this.indexFor(place.path);
    const line = index ? index.positionAt(place.range.start).line + 1 : 1;
    return `${toPosix(nodePath.relative(this.project.root, place.path))}:${line}`;
  }

  completion(path: string, position: lsp.Position): lsp.CompletionItem[] {
    return this.guard(path, [], (file) => {
      const offset = file.index.offsetAt(position);
      const results = file.format.complete?.(file.context, offset) ?? [];
      const defaultReplace = completionReplaceRange(file.context.text, offset);
      return results.map((result): lsp.CompletionItem => {
        const item: lsp.CompletionItem = {
          label: result.label,
          kind: completionKind(result.kind),
          textEdit: lsp.TextEdit.replace(toRange(file.index, result.replace ?? defaultReplace), result.insertText ?? result.label),
          insertTextFormat: result.snippet ? lsp.InsertTextFormat.Snippet : lsp.InsertTextFormat.PlainText,
        };
        if (result.detail) item.detail = result.detail;
        if (result.documentation) item.documentation = { kind: lsp.MarkupKind.Markdown, value: result.documentation };
        if (result.sortText) item.sortText = result.sortText;
        if (result.filterText) item.filterText = result.filterText;
        if (result.deprecated) item.tags = [lsp.CompletionItemTag.Deprecated];
        return item;
      });
    });
  }

  documentSymbols(path: string): lsp.DocumentSymbol[] {
    return this.guard(path, [], (file) => {
      const convert = (symbol: import('../core/format').SymbolResult): lsp.DocumentSymbol => ({
        name: symbol.name || ' ',
        detail: symbol.detail,
        kind: symbolKind(symbol.kind),
        range: toRange(file.index, symbol.range),
        selectionRange: toRange(file.index, symbol.selectionRange),
        children: symbol.children?.map(convert),
      });
      return (file.format.symbols?.(file.context) ?? []).map(convert);
    });
  }

  foldingRanges(path: string): lsp.FoldingRange[] {
    return this.guard(path, [], (file) =>
      (file.format.folding?.(file.context) ?? []).flatMap((fold) => {
        const startLine = file.index.positionAt(fold.start).line;
        const endLine = file.index.positionAt(fold.end).line;
        if (endLine <= startLine) return [];
        const range: lsp.FoldingRange = { startLine, endLine };
        if (fold.kind) range.kind = fold.kind;
        return [range];
      }),
    );
  }

  documentLinks(path: string): lsp.DocumentLink[] {
    return this.guard(path, [], (file) =>
      [...(file.format.links?.(file.context) ?? []), ...this.deployment.links(path)].map((link) => ({
        range: toRange(file.index, link.range),
        target: toUri(link.target),
        tooltip: link.tooltip,
      })),
    );
  }

  definition(path: string, position: lsp.Position): lsp.Location[] {
    return this.guard(path, [], (file) => {
      const offset = file.index.offsetAt(position);
      const found = [...this.deployment.definition(path, offset), ...(file.format.definition?.(file.context, offset) ?? [])];
      return found.flatMap((location) => {
        const index = this.indexFor(location.path);
        return index ? [lsp.Location.create(toUri(location.path), toRange(index, location.range))] : [];
      });
    });
  }

  // --- plumbing -------------------------------------------------------------------------------------------

  private fileContext(path: string): FileContext | undefined {
    this.syncClaims();
    const size = this.project.fileSize(path);
    if (size !== undefined && size > this.project.settings.maxFileBytes) return undefined;
    const entry = this.project.parse(path);
    if (!entry) return undefined;
    const index = this.indexFor(path);
    if (!index) return undefined;
    return {
      format: entry.format,
      index,
      context: { path, text: entry.text, document: entry.document, project: this.project },
    };
  }

  /** A path's file URI, remembered: related places name the same few files in every diagnostic of every edit. */
  private uriOf(path: string): string {
    let uri = this.uris.get(path);
    if (uri === undefined) {
      if (this.uris.size >= MAX_REPORTS) this.uris.clear();
      uri = toUri(path);
      this.uris.set(path, uri);
    }
    return uri;
  }

  private indexFor(path: string): LineIndex | undefined {
    const text = this.project.readFile(path);
    if (text === undefined) return undefined;
    const cached = this.indexes.get(path);
    if (cached && cached.text === text) return cached;
    const index = new LineIndex(text);
    this.indexes.set(path, index);
    return index;
  }

  private guard<T>(path: string, fallback: T, run: (file: FileContext) => T): T {
    const file = this.fileContext(path);
    if (!file) return fallback;
    try {
      return run(file);
    } catch (error) {
      this.log(`${path}: request failed: ${String(error)}`);
      return fallback;
    }
  }
}

/** Whether a text's line breaks are CRLF (the first break decides, as editors do). */
function usesCrlf(text: string): boolean {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r';
}

function clampFinding(finding: Finding, length: number): Finding {
  const start = Math.max(0, Math.min(finding.range.start, length));
  const end = Math.max(start, Math.min(finding.range.end, length));
  return start === finding.range.start && end === finding.range.end ? finding : { ...finding, range: { start, end } };
}

function rangesEqual(a: lsp.Range, b: lsp.Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
