/**
 * The VS Code side: starts the bundled language server (dist/server.js) and tells it which documents to look at
 * (documentSelector.ts). Everything else (checks, hover, completion, fixes) lives in the server, so every LSP
 * editor gets the same.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { documentSelector, WATCHED_GLOBS } from './documentSelector';
import { registerDeploymentMap } from './map/mapPanel';
import { createTraceChannel } from './traceChannel';

/** Also the prefix of `gunicornLint.trace.server`, which vscode-languageclient reads by this id. */
const CLIENT_ID = 'gunicornLint';
const CLIENT_NAME = 'Gunicorn Deploy';
/** Settings that shape the client itself; changing one restarts it. */
const RESTART_SETTINGS = ['gunicornLint.gunicornConfigGlobs', 'gunicornLint.server.transport'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  // gunicornLint.trace.server writes here; see traceChannel.ts for why it is not `output`.
  const trace = createTraceChannel({
    channel: vscode.window.createOutputChannel(`${CLIENT_NAME} Trace`),
    traceSetting: () => vscode.workspace.getConfiguration(CLIENT_ID).get('trace.server'),
    onTraceSettingChange: (listener) =>
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${CLIENT_ID}.trace.server`)) listener();
      }),
    levels: { off: vscode.LogLevel.Off, trace: vscode.LogLevel.Trace },
  });
  const watchers = WATCHED_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(output, trace, ...watchers);

  const restart = async (): Promise<void> => {
    const previous = client;
    client = undefined;
    if (previous) await previous.stop().catch((error) => output.error(`stopping the server failed: ${String(error)}`));
    client = createClient(context, output, trace, watchers);
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('gunicornLint.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((setting) => event.affectsConfiguration(setting))) void restart();
    }),
  );
  registerDeploymentMap(context, () => client);
  await restart();
  // For in-editor tests: lets them see the running client.
  return { client: () => client };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

function createClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  trace: vscode.LogOutputChannel,
  watchers: vscode.FileSystemWatcher[],
): LanguageClient {
  const configuration = vscode.workspace.getConfiguration(CLIENT_ID);
  const transport = configuration.get<string>('server.transport') === 'ipc' ? TransportKind.ipc : TransportKind.stdio;
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport },
    debug: { module, transport, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(configuration.get<string[]>('gunicornConfigGlobs') ?? []),
    synchronize: { fileEvents: watchers },
    // The client already watches files, so the server does not register its own watchers on top.
    initializationOptions: { clientWatchesFiles: true },
    // vscode-languageclient 11 pulls an open document only on open unless told to on change and save; the whole
    // workspace (files never opened, Python app modules outside the selector) it pulls by itself, every 2 s with
    // the result ids it holds, because the server announces `workspaceDiagnostics`.
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel: output,
    traceOutputChannel: trace,
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
