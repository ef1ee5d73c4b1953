/**
 * A small LSP client for tests: spawns the bundled server (dist/server.js) over stdio or Node IPC, speaks
 * JSON-RPC with vscode-jsonrpc, answers the server's own requests (configuration, registration, refresh) and
 * records what it publishes. Nothing here asserts; the tests do.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type * as lsp from 'vscode-languageserver-types';

/** The folder holding the project's package.json, found from this file (it runs from the compiled test/lsp/support folder). */
export function projectRoot(): string {
  let folder = __dirname;
  for (let depth = 0; depth < 8; depth++) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'gunicorn-deploy') return folder;
    folder = path.dirname(folder);
  }
  throw new Error(`no gunicorn-deploy package.json above ${__dirname}`);
}

/** The server under test: $GUNICORN_LINT_SERVER, else the bundle `npm run build` writes. */
export function serverPath(): string {
  const file = process.env.GUNICORN_LINT_SERVER ?? path.join(projectRoot(), 'dist', 'server.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

export interface SessionOptions {
  transport?: 'stdio' | 'ipc';
  /** Client capabilities to announce. */
  pullDiagnostics?: boolean;
  configuration?: boolean;
  /** The gunicornLint section the client answers workspace/configuration with (mutable). */
  settings?: Record<string, unknown> | null;
  rootUri?: string | null;
  initializationOptions?: unknown;
}

/** The server capabilities the tests look at by name (any other is reached by key and only tested for presence). */
export interface AnnouncedCapabilities {
  [key: string]: unknown;
  diagnosticProvider?: unknown;
  textDocumentSync: { change: number };
  hoverProvider?: unknown;
  completionProvider: { triggerCharacters: string[] };
  codeActionProvider: { codeActionKinds: string[] };
  documentLinkProvider?: unknown;
}

/** The part of initialize's answer the tests read. */
export interface InitializeResult {
  capabilities: AnnouncedCapabilities;
  serverInfo?: { name: string; version?: string };
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: lsp.Diagnostic[];
}

export class LspSession {
  readonly connection: MessageConnection;
  readonly published: Published[] = [];
  readonly logs: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  refreshRequests = 0;
  configurationRequests = 0;
  settings: Record<string, unknown> | null;
  stderr = '';
  exitCode: number | null | undefined;
  private readonly waiters: (() => void)[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    connection: MessageConnection,
    options: SessionOptions,
  ) {
    this.connection = connection;
    this.settings = options.settings === undefined ? {} : options.settings;
    child.stderr?.on('data', (chunk) => (this.stderr += String(chunk)));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        this.exitCode = code;
        this.notify();
        resolve(code);
      }),
    );
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      this.published.push(params);
      this.notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.notify();
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      this.notify();
      return params.items.map((item) => (item.section === 'gunicornLint' ? this.settings : null));
    });
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      this.notify();
      return null;
    });
    connection.listen();
  }

  static start(options: SessionOptions = {}): LspSession {
    const server = serverPath();
    if (options.transport === 'ipc') {
      const child = fork(server, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
      return new LspSession(child, connection, options);
    }
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    return new LspSession(child, connection, options);
  }

  async initialize(options: SessionOptions & { rootPath?: string }): Promise<InitializeResult> {
    const rootUri = options.rootUri !== undefined ? options.rootUri : options.rootPath ? fileUri(options.rootPath) : null;
    const capabilities = {
      workspace: {
        configuration: options.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        ...(options.pullDiagnostics ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(file: string, text: string, languageId = 'python', version = 1): string {
    const uri = fileUri(file);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  /** An incremental change: one range replaced. */
  change(uri: string, version: number, range: lsp.Range, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  async pull(uri: string): Promise<lsp.Diagnostic[]> {
    const report = await this.connection.sendRequest<{ kind: string; items: lsp.Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri },
    });
    if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
    return report.items;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** Resolves once `condition` holds (re-checked on every message from the server), or rejects after `ms`. */
  async waitFor<T>(what: string, condition: () => T | undefined | false, ms = 10000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = condition();
      if (value) return value;
      if (this.exitCode !== undefined) throw new Error(`server exited (${this.exitCode}) while waiting for ${what}\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for ${what}; logs:\n${this.logs.join('\n')}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The latest publishDiagnostics for a URI after `since` (an index into `published`). */
  lastPublished(uri: string, since = 0): Published | undefined {
    for (let i = this.published.length - 1; i >= since; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  async shutdown(): Promise<number | null> {
    if (this.exitCode === undefined) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    }
    const code = await Promise.race([this.exited, sleep(5000).then(() => 'timeout' as const)]);
    this.connection.dispose();
    if (code === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error('server did not exit after shutdown/exit');
    }
    return code;
  }

  /** For `finally` blocks: never leaves a server behind, whatever state the test ended in. */
  kill(): void {
    this.connection.dispose();
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A temporary workspace with the given files (relative path -> text); returns its root. */
export function makeWorkspace(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-lsp-')));
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  return root;
}

export function removeWorkspace(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** The range of the `occurrence`-th match of `needle` in `text` (0-based), as LSP positions. */
export function rangeOf(text: string, needle: string, occurrence = 0): lsp.Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" not found in the text`);
  }
  return { start: positionAt(text, offset), end: positionAt(text, offset + needle.length) };
}

export function positionAt(text: string, offset: number): lsp.Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function offsetAt(text: string, position: lsp.Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

/** Applies TextEdits (non-overlapping, as a WorkspaceEdit holds them) to a text. */
export function applyTextEdits(text: string, edits: readonly lsp.TextEdit[]): string {
  const withOffsets = edits
    .map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of withOffsets) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

export function hoverText(hover: lsp.Hover | null): string {
  if (!hover) return '';
  const contents = hover.contents;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  return contents.value;
}
