/** Wires a GunicornLanguageServer to a connection: the only place that registers handlers. */
import { randomUUID } from 'node:crypto';
import { DiagnosticRefreshRequest, ErrorCodes, RegistrationRequest, ResponseError, TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientChannel } from './clientChannel';
import { DEPLOYMENT_MAP_METHOD, type DeploymentMapParams } from './deploymentMapRequest';
import { GunicornLanguageServer, type ServerOptions } from './gunicornLanguageServer';

export function bindConnection(connection: Connection, options: ServerOptions): GunicornLanguageServer {
  const channel: ClientChannel = {
    // A notification to a client that went away must not become an unhandled rejection.
    publishDiagnostics: (params) => void connection.sendDiagnostics(params).catch(() => undefined),
    refreshDiagnostics: () => connection.sendRequest(DiagnosticRefreshRequest.type),
    configuration: async (section) => (await connection.workspace.getConfiguration({ section })) as unknown,
    register: async (method, registerOptions) => {
      await connection.sendRequest(RegistrationRequest.type, {
        registrations: [{ id: randomUUID(), method, registerOptions }],
      });
    },
    log: (message) => connection.console.log(message),
  };
  const server = new GunicornLanguageServer(channel, options);

  // The lifecycle the protocol asks for: before `initialize`, requests fail with ServerNotInitialized (-32002) and
  // notifications are dropped; after `shutdown`, requests fail with InvalidRequest (-32600). Only `exit` passes.
  let state: 'new' | 'running' | 'shut down' = 'new';
  const refuse = (method: string): ResponseError<never> =>
    state === 'new'
      ? new ResponseError(ErrorCodes.ServerNotInitialized, `${method}: the server is not initialized yet`)
      : new ResponseError(ErrorCodes.InvalidRequest, `${method}: the server is shut down`);
  const request =
    <P, R>(method: string, handler: (params: P) => R) =>
    (params: P): R | ResponseError<never> =>
      state === 'running' ? handler(params) : refuse(method);
  const notification =
    <P>(handler: (params: P) => void) =>
    (params: P): void => {
      if (state === 'running') handler(params);
    };
  // Methods we have no handler for: refused the same way while not running, else "method not found".
  connection.onRequest((method) => (state === 'running' ? new ResponseError(ErrorCodes.MethodNotFound, `${method} is not supported`) : refuse(method)));

  // Incremental sync is applied by TextDocuments; the server reads the whole text after each change. Text and
  // version are read at once: the handlers are async and the document object changes in place.
  const documents = new TextDocuments(TextDocument);
  // TextDocuments fires the same event object to onDidOpen and then onDidChangeContent for an open.
  const opens = new WeakSet<object>();
  documents.onDidOpen((event) => {
    opens.add(event);
    if (state !== 'running') return;
    void server.didOpen(event.document.uri, event.document.getText(), event.document.version);
  });
  documents.onDidChangeContent((event) => {
    if (opens.has(event) || state !== 'running') return;
    void server.didChange(event.document.uri, event.document.getText(), event.document.version);
  });
  documents.onDidClose(({ document }) => {
    if (state === 'running') void server.didClose(document.uri);
  });
  documents.listen(connection);

  connection.onInitialize((params) => {
    if (state !== 'new') return new ResponseError(ErrorCodes.InvalidRequest, 'initialize: the server is already initialized');
    const result = server.initialize(params);
    state = 'running';
    return result;
  });
  connection.onInitialized(notification(() => void server.initialized()));
  connection.onShutdown(() => {
    if (state === 'new') return refuse('shutdown');
    if (state === 'shut down') return new ResponseError(ErrorCodes.InvalidRequest, 'shutdown: the server is already shut down');
    state = 'shut down';
    server.shutdown();
    return undefined;
  });
  connection.onDidChangeConfiguration(notification((params) => void server.didChangeConfiguration(params)));
  connection.onDidChangeWatchedFiles(notification((params) => void server.didChangeWatchedFiles(params)));

  connection.languages.diagnostics.on(request('textDocument/diagnostic', (params) => server.diagnostic(params)));
  connection.languages.diagnostics.onWorkspace(request('workspace/diagnostic', (params) => server.workspaceDiagnostic(params)));
  connection.onHover(request('textDocument/hover', (params) => server.hover(params)));
  connection.onCompletion(request('textDocument/completion', (params) => server.completion(params)));
  connection.onCodeAction(request('textDocument/codeAction', (params) => server.codeAction(params)));
  connection.onDocumentSymbol(request('textDocument/documentSymbol', (params) => server.documentSymbol(params)));
  connection.onFoldingRanges(request('textDocument/foldingRange', (params) => server.foldingRange(params)));
  connection.onDocumentLinks(request('textDocument/documentLink', (params) => server.documentLink(params)));
  connection.onDefinition(request('textDocument/definition', (params) => server.definition(params)));
  connection.onRequest(
    DEPLOYMENT_MAP_METHOD,
    request(DEPLOYMENT_MAP_METHOD, (params: DeploymentMapParams) => server.deploymentMap(params)),
  );
  return server;
}
