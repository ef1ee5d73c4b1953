/** Wires a GunicornLanguageServer to a connection: the only place that registers handlers. */
import { randomUUID } from 'node:crypto';
import {
  DiagnosticRefreshRequest,
  RegistrationRequest,
  TextDocuments,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientChannel } from './clientChannel';
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

  // Incremental sync is applied by TextDocuments; the server reads the whole text after each change. Text and
  // version are read at once: the handlers are async and the document object changes in place.
  const documents = new TextDocuments(TextDocument);
  // TextDocuments fires the same event object to onDidOpen and then onDidChangeContent for an open.
  const opens = new WeakSet<object>();
  documents.onDidOpen((event) => {
    opens.add(event);
    void server.didOpen(event.document.uri, event.document.getText(), event.document.version);
  });
  documents.onDidChangeContent((event) => {
    if (opens.has(event)) return;
    void server.didChange(event.document.uri, event.document.getText(), event.document.version);
  });
  documents.onDidClose(({ document }) => void server.didClose(document.uri));
  documents.listen(connection);

  connection.onInitialize((params) => server.initialize(params));
  connection.onInitialized(() => void server.initialized());
  connection.onShutdown(() => server.shutdown());
  connection.onDidChangeConfiguration((params) => void server.didChangeConfiguration(params));
  connection.onDidChangeWatchedFiles((params) => void server.didChangeWatchedFiles(params));

  connection.languages.diagnostics.on((params) => server.diagnostic(params));
  connection.onHover((params) => server.hover(params));
  connection.onCompletion((params) => server.completion(params));
  connection.onCodeAction((params) => server.codeAction(params));
  connection.onDocumentSymbol((params) => server.documentSymbol(params));
  connection.onFoldingRanges((params) => server.foldingRange(params));
  connection.onDocumentLinks((params) => server.documentLink(params));
  connection.onDefinition((params) => server.definition(params));
  return server;
}
