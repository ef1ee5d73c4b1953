/** The server's side of the initialize handshake. */
import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver/node';
import type { ClientFeatures } from './clientFeatures';

/** Characters after which a client should ask for completion without waiting for a word character. */
export const COMPLETION_TRIGGER_CHARACTERS = ['(', '$', '%', '=', '[', '-', '"'];

/** Files whose changes on disk can change findings elsewhere (configs, units, requirements, app modules). */
export const WATCHED_FILE_GLOBS = [
  '**/*.{py,conf,service,socket,txt,toml,cfg,lock,yaml,yml,ini,sh,env,template}',
  '**/{Pipfile,Procfile,Procfile.*,Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile}',
];

export function serverCapabilities(client: ClientFeatures): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    documentLinkProvider: { resolveProvider: false },
    definitionProvider: true,
  };
  // Advertised only to clients that pull: the others get publishDiagnostics for their open files instead. A pulling
  // client also pulls the whole workspace (every deployment file, open or not) with workspace/diagnostic.
  if (client.pullDiagnostics) {
    capabilities.diagnosticProvider = { interFileDependencies: true, workspaceDiagnostics: true };
  }
  return capabilities;
}
