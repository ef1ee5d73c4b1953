/**
 * The language server's entry point (bundled to dist/server.js). The transport comes from the command line:
 * `--stdio`, `--node-ipc` or `--socket=<port>`, as vscode-languageserver reads it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { bindConnection } from './lsp/bindConnection';
import { SERVER_NAME, serverVersion } from './lsp/serverInfo';

const connection = createConnection(ProposedFeatures.all);
// Every handler is guarded already; these keep a missed case from ending the session (Node exits on an
// unhandled rejection), and leave a trace in the client's log instead.
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`uncaught exception: ${error.stack ?? String(error)}`));
bindConnection(connection, { name: SERVER_NAME, version: serverVersion() });
connection.listen();
