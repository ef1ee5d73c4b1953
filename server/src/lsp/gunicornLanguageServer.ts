/**
 * The LSP glue: one method per request or notification, each turning URIs into paths, waiting for the language
 * service, asking it, and answering. Every handler is guarded: a failure is logged and answered with null or [],
 * and the server keeps serving. Meaning lives in the service; this class only knows the protocol.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type DefinitionParams,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type DocumentLink,
  type DocumentLinkParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { EMPTY_RESULT_ID, LanguageService } from '../service/languageService';
import type { ClientChannel } from './clientChannel';
import { readClientFeatures, type ClientFeatures } from './clientFeatures';
import { CONFIGURATION_SECTION, parseClientSettings, unwrapSection, type ClientSettings } from './clientSettings';
import { serverCapabilities, WATCHED_FILE_GLOBS } from './capabilities';
import { Coalescer, Debouncer } from './debounce';
import { IdleMemoryRelease } from './idleMemory';
import { deploymentMapHandler } from './deploymentMapRequest';
import { pathToUri, uriToPath } from './uris';

/** Other files' diagnostics are refreshed this long after the last edit. */
const REFRESH_DELAY_MS = 200;
/**
 * A push client's edited document is published at once after an edit, then at most once per this interval while
 * edits keep coming, and once after the last: a burst of keystrokes costs a few analyses and notifications, not one
 * per keystroke (pulling clients pull when they want).
 */
export const PUBLISH_DELAY_MS = 120;
/** How often, at most, an edit burst looks for other files whose cross-file findings it changed. */
const DEPENDENTS_INTERVAL_MS = 100;
/** ...and waits this long first, so the edited file's own pull or publish goes out before it. */
const DEPENDENTS_FIRST_DELAY_MS = 15;
/** A workspace/diagnostic answer gives the event loop back after this much work, so other requests are not held up. */
const WORKSPACE_SLICE_MS = 50;
/** A client that never answers workspace/configuration must not stall every request. */
const CONFIGURATION_TIMEOUT_MS = 2000;

export interface ServerOptions {
  name: string;
  version: string;
  /** How the service is made; tests of the glue may pass another. */
  createService?: (options: Parameters<typeof LanguageService.create>[0]) => Promise<LanguageService>;
}

interface OpenDocument {
  path: string;
  version: number;
}

export class GunicornLanguageServer {
  private features: ClientFeatures = readClientFeatures({});
  private root: string | undefined;
  private settings: ClientSettings = parseClientSettings(undefined);
  private clientWatchesFiles = false;
  private configurationChanges = 0;
  private readonly settingsLoaded: Promise<void>;
  private markSettingsLoaded!: () => void;
  private service: Promise<LanguageService | undefined> | undefined;
  /** Open documents by the client's own URI (kept as sent, so answers name the document exactly as the client does). */
  private readonly open = new Map<string, OpenDocument>();
  private readonly otherFilesChanged = new Debouncer(REFRESH_DELAY_MS, () => this.refreshAll());
  /** Per open document of a push client, the publishes of its edit burst. */
  private readonly pendingPublishes = new Map<string, Coalescer>();
  /** After edits: which other files' cross-file findings changed (refreshed at once, not after REFRESH_DELAY_MS). */
  private readonly dependentsCheck = new Coalescer(DEPENDENTS_INTERVAL_MS, () => void this.refreshDependents(), DEPENDENTS_FIRST_DELAY_MS);
  /** Per open document of a push client, the version and result id last published. */
  private readonly lastPublished = new Map<string, string>();
  /** After a burst of edits, gives the heap V8 grew for it back (see idleMemory.ts). */
  private readonly memory = new IdleMemoryRelease((message) => this.log(message));
  /** Files edited since the last dependents check: their own publish or pull covers them. */
  private readonly editedSinceCheck = new Set<string>();

  constructor(
    private readonly client: ClientChannel,
    private readonly options: ServerOptions,
  ) {
    this.settingsLoaded = new Promise((resolve) => (this.markSettingsLoaded = resolve));
  }

  // --- lifecycle ------------------------------------------------------------------------------------------

  initialize(params: InitializeParams): InitializeResult {
    this.features = readClientFeatures(params.capabilities ?? {});
    this.root = rootOf(params);
    const initOptions = isObject(params.initializationOptions) ? params.initializationOptions : {};
    // Clients without workspace/configuration (or before it answers) may pass settings here.
    this.settings = parseClientSettings(unwrapSection(initOptions.settings ?? initOptions), (message) => this.log(message));
    this.clientWatchesFiles = initOptions.clientWatchesFiles === true;
    // Safety net: a client that never sends `initialized` still gets answers.
    setTimeout(() => this.markSettingsLoaded(), CONFIGURATION_TIMEOUT_MS * 2).unref();
    // Start loading the parsers now, while the client reads this answer and opens its first file.
    if (this.root) void this.serviceFor(undefined);
    return {
      capabilities: serverCapabilities(this.features),
      serverInfo: { name: this.options.name, version: this.options.version },
    };
  }

  async initialized(): Promise<void> {
    await this.guardNotification('initialized', async () => {
      await this.registerDynamicCapabilities();
      if (this.features.configuration) this.settings = await this.fetchSettings();
    });
    this.markSettingsLoaded();
  }

  shutdown(): void {
    this.otherFilesChanged.dispose();
    this.dependentsCheck.dispose();
    this.memory.dispose();
    for (const pending of this.pendingPublishes.values()) pending.dispose();
    this.pendingPublishes.clear();
  }

  /** Publishes a push client's document after an edit, coalescing a burst (see PUBLISH_DELAY_MS). */
  private schedulePublish(service: LanguageService, uri: string): void {
    let pending = this.pendingPublishes.get(uri);
    if (!pending) {
      pending = new Coalescer(PUBLISH_DELAY_MS, () => {
        try {
          this.publish(service, uri);
        } catch (error) {
          this.log(`publishing diagnostics for ${uri} failed: ${errorText(error)}`);
        }
      });
      this.pendingPublishes.set(uri, pending);
    }
    pending.schedule();
  }

  private async registerDynamicCapabilities(): Promise<void> {
    const registrations: Promise<void>[] = [];
    if (this.features.dynamicConfigurationChange) {
      registrations.push(this.client.register(DidChangeConfigurationNotification.method, { section: CONFIGURATION_SECTION }));
    }
    if (this.features.dynamicFileWatchers && !this.clientWatchesFiles) {
      registrations.push(
        this.client.register(DidChangeWatchedFilesNotification.method, {
          watchers: WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern })),
        }),
      );
    }
    const results = await Promise.allSettled(registrations);
    for (const result of results) if (result.status === 'rejected') this.log(`registration failed: ${String(result.reason)}`);
  }

  private async fetchSettings(): Promise<ClientSettings> {
    try {
      const answer = await withTimeout(this.client.configuration(CONFIGURATION_SECTION), CONFIGURATION_TIMEOUT_MS);
      // null: the client has no such section (Neovim without `settings`); keep what initializationOptions gave.
      return answer === TIMED_OUT || answer === null || answer === undefined ? this.settings : parseClientSettings(answer, (message) => this.log(message));
    } catch (error) {
      this.log(`workspace/configuration failed: ${String(error)}`);
      return this.settings;
    }
  }

  /**
   * The one service of this server. The root is the workspace folder from initialize, else the folder of the
   * first file opened. Every handler awaits the same promise, so notifications keep their order.
   */
  private serviceFor(firstPath: string | undefined): Promise<LanguageService | undefined> {
    if (this.service) return this.service;
    const root = this.root ?? (firstPath ? path.dirname(firstPath) : undefined);
    if (!root) return Promise.resolve(undefined);
    const create = this.options.createService ?? ((options) => LanguageService.create(options));
    // Loading the parsers (WASM) overlaps the client's answer to workspace/configuration; the settings it
    // brings are applied before the service answers anything.
    const created = Promise.resolve().then(() => create({ root, settings: this.settings, log: (message) => this.log(message) }));
    this.service = Promise.all([created, this.settingsLoaded])
      .then(([service]) => {
        service.updateSettings(this.settings);
        return service;
      })
      .catch((error: unknown) => {
        this.log(`the language service could not start: ${errorText(error)}`);
        return undefined;
      });
    return this.service;
  }

  // --- documents ------------------------------------------------------------------------------------------

  async didOpen(uri: string, text: string, version: number): Promise<void> {
    const filePath = uriToPath(uri);
    if (!filePath) return;
    this.open.set(uri, { path: filePath, version });
    const service = await this.serviceFor(filePath);
    if (!service) return;
    await this.guardNotification('didOpen', () => {
      service.openDocument(filePath, text, version);
      if (!this.features.pullDiagnostics) this.publish(service, uri);
    });
  }

  /** Called with the whole text after TextDocuments applied the (incremental) changes. */
  async didChange(uri: string, text: string, version: number): Promise<void> {
    const document = this.open.get(uri);
    if (!document) return;
    document.version = version;
    const service = await this.serviceFor(document.path);
    if (!service) return;
    await this.guardNotification('didChange', () => {
      service.changeDocument(document.path, text, version);
      if (!this.features.pullDiagnostics) this.schedulePublish(service, uri);
    });
    // Files whose cross-file findings this edit changed (an app module's engine, a bind) are refreshed at once, but
    // after the edit's own diagnostics: the check runs once the messages already received are handled.
    this.editedSinceCheck.add(document.path);
    this.dependentsCheck.schedule();
    this.memory.touch();
    // An edit here may change what other files see (a bind address, a timeout): refresh them soon.
    this.otherFilesChanged.schedule();
  }

  private async refreshDependents(): Promise<void> {
    const service = await this.serviceFor(undefined);
    if (!service) return;
    const edited = new Set(this.editedSinceCheck);
    this.editedSinceCheck.clear();
    let dependents: string[] = [];
    await this.guardNotification('didChange', () => {
      dependents = service.takeChangedFiles().filter((file) => !edited.has(file));
    });
    if (dependents.length > 0) this.refreshFiles(service, dependents);
  }

  async didClose(uri: string): Promise<void> {
    const document = this.open.get(uri);
    if (!document) return;
    this.open.delete(uri);
    this.pendingPublishes.get(uri)?.dispose();
    this.pendingPublishes.delete(uri);
    this.lastPublished.delete(uri);
    const service = await this.serviceFor(document.path);
    if (!service) return;
    await this.guardNotification('didClose', () => {
      service.closeDocument(document.path);
      if (!this.features.pullDiagnostics) this.client.publishDiagnostics({ uri, diagnostics: [] });
    });
    // The disk copy replaces the editor's: other files may see different text now.
    this.otherFilesChanged.schedule();
  }

  async didChangeWatchedFiles(params: DidChangeWatchedFilesParams): Promise<void> {
    const paths = (params.changes ?? []).flatMap((change) => uriToPath(change.uri) ?? []);
    if (paths.length === 0) return;
    const service = await this.serviceFor(undefined);
    if (!service) return;
    await this.guardNotification('didChangeWatchedFiles', () => service.filesChanged(paths));
    this.memory.touch();
    this.otherFilesChanged.schedule();
  }

  async didChangeConfiguration(params: DidChangeConfigurationParams): Promise<void> {
    const change = ++this.configurationChanges;
    await this.settingsLoaded;
    const settings = this.features.configuration
      ? await this.fetchSettings()
      : parseClientSettings(unwrapSection(params?.settings), (message) => this.log(message));
    // Two quick changes: the answer to the older fetch may arrive last, and must not win.
    if (change !== this.configurationChanges) return;
    this.settings = settings;
    const service = await this.serviceFor(undefined);
    if (!service) return;
    await this.guardNotification('didChangeConfiguration', () => service.updateSettings(this.settings));
    // Settings change every file's findings: no need to wait.
    this.otherFilesChanged.dispose();
    this.refreshAll();
  }

  // --- diagnostics ----------------------------------------------------------------------------------------

  async diagnostic(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const report = await this.answer('textDocument/diagnostic', params.textDocument.uri, undefined, (service, filePath) => service.diagnosticReport(filePath));
    if (!report) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // Nothing changed since the client's copy: say so instead of sending it all again.
    if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
  }

  /**
   * Every file of the workspace that can carry findings (the walk's claimed files, app modules, files the model
   * places findings in), whether open or not: the Problems panel of a pulling client lists them all. A file whose
   * result id the client already holds is answered `unchanged`; open documents carry their version.
   */
  async workspaceDiagnostic(params: WorkspaceDiagnosticParams): Promise<WorkspaceDiagnosticReport> {
    // Only announced to pulling clients; a client that pushes gets its open files published instead.
    if (!this.features.pullDiagnostics) return { items: [] };
    const service = await this.serviceFor(undefined);
    if (!service) return { items: [] };
    try {
      const previous = new Map<string, string>();
      for (const { uri, value } of params.previousResultIds ?? []) {
        const filePath = uriToPath(uri);
        if (filePath) previous.set(filePath, value);
      }
      const openByPath = new Map([...this.open].map(([uri, document]) => [document.path, { uri, version: document.version }]));
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const covered = new Set<string>();
      let sliceStart = performance.now();
      for (const file of service.diagnosticFiles()) {
        // Checking thousands of files the first time takes seconds: edits, pulls and hovers are served in between.
        if (performance.now() - sliceStart > WORKSPACE_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
        covered.add(file);
        const open = openByPath.get(file);
        const uri = open?.uri ?? pathToUri(file);
        const version = open?.version ?? null;
        const { resultId, diagnostics } = service.diagnosticReport(file);
        items.push(
          previous.get(file) === resultId
            ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId }
            : { kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: diagnostics },
        );
      }
      // Reported before and covered no more (deleted, no longer claimed): the client's copy is cleared.
      for (const [file, resultId] of previous) {
        if (covered.has(file) || resultId === EMPTY_RESULT_ID) continue;
        const open = openByPath.get(file);
        items.push({
          kind: DocumentDiagnosticReportKind.Full,
          uri: open?.uri ?? pathToUri(file),
          version: open?.version ?? null,
          resultId: EMPTY_RESULT_ID,
          items: [],
        });
      }
      // Checking a whole workspace leaves garbage as an edit burst does.
      this.memory.touch();
      return { items };
    } catch (error) {
      this.log(`workspace/diagnostic failed: ${errorText(error)}`);
      return { items: [] };
    }
  }

  private publish(service: LanguageService, uri: string): void {
    const document = this.open.get(uri);
    if (!document) return;
    const { resultId, diagnostics } = service.diagnosticReport(document.path);
    // The client holds exactly these for this version already (a refresh after an edit that changed nothing here).
    const published = `${document.version} ${resultId}`;
    if (this.lastPublished.get(uri) === published) return;
    this.lastPublished.set(uri, published);
    this.client.publishDiagnostics({ uri, version: document.version, diagnostics });
  }

  /** After a change to these files' findings: a pulling client re-pulls, an older one gets the open ones pushed. */
  private refreshFiles(service: LanguageService, files: readonly string[]): void {
    if (this.features.pullDiagnostics) {
      if (this.features.diagnosticRefresh) {
        this.client.refreshDiagnostics().catch((error) => this.log(`diagnostic refresh failed: ${String(error)}`));
      }
      return;
    }
    const wanted = new Set(files);
    for (const [uri, document] of this.open) {
      if (!wanted.has(document.path)) continue;
      try {
        this.publish(service, uri);
      } catch (error) {
        this.log(`publishing diagnostics for ${uri} failed: ${errorText(error)}`);
      }
    }
  }

  /** After a change that may touch many files: ask a pulling client to re-pull, or push every open document again. */
  private refreshAll(): void {
    if (this.features.pullDiagnostics) {
      if (this.features.diagnosticRefresh) {
        this.client.refreshDiagnostics().catch((error) => this.log(`diagnostic refresh failed: ${String(error)}`));
      }
      return;
    }
    void this.serviceFor(undefined).then((service) => {
      if (!service) return;
      for (const uri of this.open.keys()) {
        try {
          this.publish(service, uri);
        } catch (error) {
          this.log(`publishing diagnostics for ${uri} failed: ${errorText(error)}`);
        }
      }
    });
  }

  // --- requests -------------------------------------------------------------------------------------------

  readonly deploymentMap = deploymentMapHandler(
    () => this.serviceFor(undefined),
    (message) => this.log(message),
  );

  hover(params: HoverParams): Promise<Hover | null> {
    return this.answer('textDocument/hover', params.textDocument.uri, null, (service, filePath) => service.hover(filePath, params.position));
  }

  completion(params: CompletionParams): Promise<CompletionItem[]> {
    return this.answer('textDocument/completion', params.textDocument.uri, [], (service, filePath) => service.completion(filePath, params.position));
  }

  codeAction(params: CodeActionParams): Promise<CodeAction[]> {
    const only = params.context?.only;
    // All our actions are quick fixes: a client asking only for other kinds (source.organizeImports) gets none.
    // Kinds are dot-separated hierarchies: "quickfix" is asked for by "quickfix" or by the empty (root) kind.
    if (only && only.length > 0 && !only.some((kind) => kind === '' || kind === CodeActionKind.QuickFix)) {
      return Promise.resolve([]);
    }
    return this.answer('textDocument/codeAction', params.textDocument.uri, [], (service, filePath) =>
      service.codeActions(filePath, params.range, params.context?.diagnostics ?? []),
    );
  }

  documentSymbol(params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
    return this.answer('textDocument/documentSymbol', params.textDocument.uri, [], (service, filePath) => service.documentSymbols(filePath));
  }

  foldingRange(params: FoldingRangeParams): Promise<FoldingRange[]> {
    return this.answer('textDocument/foldingRange', params.textDocument.uri, [], (service, filePath) => service.foldingRanges(filePath));
  }

  documentLink(params: DocumentLinkParams): Promise<DocumentLink[]> {
    return this.answer('textDocument/documentLink', params.textDocument.uri, [], (service, filePath) => service.documentLinks(filePath));
  }

  definition(params: DefinitionParams): Promise<Location[]> {
    return this.answer('textDocument/definition', params.textDocument.uri, [], (service, filePath) => service.definition(filePath, params.position));
  }

  // --- plumbing -------------------------------------------------------------------------------------------

  /** Runs a request against the service; non-file URIs, a missing service or a failure give the fallback. */
  private async answer<T>(method: string, uri: string, fallback: T, run: (service: LanguageService, filePath: string) => T): Promise<T> {
    const filePath = uriToPath(uri);
    if (!filePath) return fallback;
    try {
      const service = await this.serviceFor(filePath);
      if (!service) return fallback;
      return run(service, filePath) ?? fallback;
    } catch (error) {
      this.log(`${method} failed for ${uri}: ${errorText(error)}`);
      return fallback;
    }
  }

  private async guardNotification(method: string, run: () => void | Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.log(`${method} failed: ${errorText(error)}`);
    }
  }

  private log(message: string): void {
    try {
      this.client.log(message);
    } catch {
      // Logging must never be the thing that fails a request.
    }
  }
}

/** The first workspace folder, else rootUri, else the deprecated rootPath. */
function rootOf(params: InitializeParams): string | undefined {
  const folder = params.workspaceFolders?.[0]?.uri;
  const fromUri = (folder && uriToPath(folder)) || (params.rootUri ? uriToPath(params.rootUri) : undefined);
  if (fromUri) return fromUri;
  return typeof params.rootPath === 'string' && params.rootPath !== '' ? params.rootPath : undefined;
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
