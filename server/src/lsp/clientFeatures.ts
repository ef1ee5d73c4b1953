/**
 * What the connected client can do, read once from its initialize capabilities. Old clients (Neovim 0.7,
 * eglot 1.9) have no pull diagnostics and no refresh, so the server falls back to pushing.
 */
import type { ClientCapabilities } from 'vscode-languageserver/node';

export interface ClientFeatures {
  /** textDocument/diagnostic: the client pulls; otherwise we publish. */
  pullDiagnostics: boolean;
  /** workspace/diagnostic/refresh: the client re-pulls every open document when asked. */
  diagnosticRefresh: boolean;
  /** workspace/configuration: settings are pulled from the client. */
  configuration: boolean;
  /** The server may register for workspace/didChangeConfiguration itself. */
  dynamicConfigurationChange: boolean;
  /** The server may register file watchers (workspace/didChangeWatchedFiles) itself. */
  dynamicFileWatchers: boolean;
}

export function readClientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  const workspace = capabilities.workspace;
  return {
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport === true,
    configuration: workspace?.configuration === true,
    dynamicConfigurationChange: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    dynamicFileWatchers: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
}
