/**
 * Gunicorn: Show Deployment Map. One panel; it asks the server for the map (gunicornLint/deploymentMap), draws it in
 * a webview (webview/main.ts, bundled into dist/mapView.js), and asks again a moment after any edit, save or file
 * change, so the drawing follows the files. Clicking a node or a finding opens its file at its line.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { mapPage } from './html';
import { isFromView, type DeploymentGraph, type ToView } from './protocol';

export const SHOW_MAP_COMMAND = 'gunicornLint.showDeploymentMap';
const MAP_REQUEST = 'gunicornLint/deploymentMap';
/** After the last edit: long enough for a burst of keystrokes, short enough to feel live. */
const REFRESH_DELAY_MS = 400;

export function registerDeploymentMap(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  let panel: MapPanel | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_MAP_COMMAND, () => {
      if (panel) panel.reveal();
      else {
        panel = new MapPanel(context, client);
        panel.onDispose(() => (panel = undefined));
      }
    }),
  );
}

class MapPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
  ) {
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel('gunicornLint.deploymentMap', 'Deployment Map', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
      retainContextWhenHidden: true,
    });
    const webview = this.panel.webview;
    webview.html = mapPage({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'mapView.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'mapView.css')).toString(),
    });
    const schedule = () => this.schedule();
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => void this.received(message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) schedule();
      }),
      vscode.workspace.onDidSaveTextDocument(schedule),
      vscode.workspace.onDidCloseTextDocument(schedule),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('gunicornLint')) schedule();
      }),
      watcher,
      watcher.onDidCreate(schedule),
      watcher.onDidChange(schedule),
      watcher.onDidDelete(schedule),
    );
    this.panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  reveal(): void {
    this.panel.reveal();
    this.schedule(0);
  }

  onDispose(listener: () => void): void {
    this.panel.onDidDispose(listener);
  }

  private schedule(delay = REFRESH_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    const generation = ++this.generation;
    const message = await this.fetch();
    // An older answer that arrives after a newer request must not replace it.
    if (generation === this.generation) await this.panel.webview.postMessage(message);
  }

  private async fetch(): Promise<ToView> {
    const client = this.client();
    if (!client?.isRunning()) return { type: 'graph', graph: null, error: 'The Gunicorn language server is not running.' };
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
    try {
      const graph = await client.sendRequest<DeploymentGraph | null>(MAP_REQUEST, folder ? { folder } : {});
      return { type: 'graph', graph };
    } catch (error) {
      return { type: 'graph', graph: null, error: `The map could not be built: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async received(message: unknown): Promise<void> {
    if (!isFromView(message)) return;
    if (message.type === 'ready') return this.refresh();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    const { path, line, character } = message.place;
    const uri = path.startsWith('/') || !root ? vscode.Uri.file(path) : vscode.Uri.joinPath(root, ...path.split('/'));
    const position = new vscode.Position(line, character);
    // Beside the map, so the drawing stays in view while the file is read.
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  private dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
