/**
 * The language server's entry point (bundled to dist/server.js). The transport comes from the command line:
 * `--stdio`, `--node-ipc` or `--socket=<port>`, as vscode-languageserver reads it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { bindConnection } from './lsp/bindConnection';
import { SERVER_NAME, SERVER_VERSION } from './lsp/serverInfo';

const connection = createConnection(ProposedFeatures.all);
bindConnection(connection, { name: SERVER_NAME, version: SERVER_VERSION });
connection.listen();
