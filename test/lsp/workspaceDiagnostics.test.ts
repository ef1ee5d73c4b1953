/**
 * workspace/diagnostic over stdio (LSP 3.17): the whole deployment in the Problems panel without opening a file.
 * A workspace of an nginx site proxying to a socket gunicorn does not bind (a 502), a unit, a config with a typo and
 * an app module that overrides SIGTERM: every file is reported; a second pull with the result ids is all
 * `unchanged`; after a change on disk only the changed file comes back in full; an open document carries its
 * version; a deleted file is cleared; a client that cannot pull gets no workspace reports, and pushes for its open
 * files instead.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as lsp from 'vscode-languageserver-types';
import { fileUri, LspSession, makeWorkspace, removeWorkspace } from './support/lspSession';

interface WorkspaceItem {
  kind: 'full' | 'unchanged';
  uri: string;
  version: number | null;
  resultId?: string;
  items?: lsp.Diagnostic[];
}

const CONFIG = 'bind = "unix:/run/myapp/gunicorn.sock"\nworkers = 3\ntimout = 30\nwsgi_app = "myapp.wsgi:app"\n';
const UNIT = [
  '[Unit]',
  'Description=Gunicorn for myapp',
  '',
  '[Service]',
  'Type=notify',
  'User=www-data',
  'WorkingDirectory=/srv/myapp',
  'ExecStart=/srv/myapp/.venv/bin/gunicorn -c /srv/myapp/gunicorn.conf.py',
  'KillMode=mixed',
  'RuntimeDirectory=myapp',
  'TimeoutStopSec=45',
  '',
  '[Install]',
  'WantedBy=multi-user.target',
  '',
].join('\n');
const site = (socket: string): string =>
  [
    'upstream myapp {',
    `    server unix:/run/myapp/${socket};`,
    '}',
    'server {',
    '    listen 80;',
    '    location / {',
    '        proxy_set_header Host $host;',
    '        proxy_set_header X-Forwarded-Proto $scheme;',
    '        proxy_pass http://myapp;',
    '    }',
    '}',
    '',
  ].join('\n');
const APP = 'import signal\n\nfrom flask import Flask\n\napp = Flask(__name__)\nsignal.signal(signal.SIGTERM, lambda signum, frame: None)\n';

const FILES = {
  'gunicorn.conf.py': CONFIG,
  'requirements.txt': 'flask==3.0.3\ngunicorn==23.0.0\n',
  'deploy/myapp.service': UNIT,
  'deploy/nginx/sites-available/myapp.conf': site('app.sock'),
  'myapp/__init__.py': '',
  'myapp/wsgi.py': APP,
  'README.md': '# myapp\n',
};

function workspacePull(session: LspSession, previous: WorkspaceItem[] = []): Promise<{ items: WorkspaceItem[] }> {
  return session.request('workspace/diagnostic', {
    previousResultIds: previous.filter((item) => item.resultId).map((item) => ({ uri: item.uri, value: item.resultId })),
  });
}

function byFile(root: string, items: WorkspaceItem[]): Map<string, WorkspaceItem> {
  return new Map(items.map((item) => [path.relative(root, new URL(item.uri).pathname), item]));
}

function codes(item: WorkspaceItem | undefined): string[] {
  return (item?.items ?? []).map((d) => String(d.code));
}

describe('LSP over stdio: workspace diagnostics', () => {
  let root: string;
  let session: LspSession;
  let first: WorkspaceItem[];

  before(async () => {
    root = makeWorkspace(FILES);
    session = LspSession.start();
    const init = await session.initialize({ rootPath: root, pullDiagnostics: true, configuration: false });
    assert.deepEqual(init.capabilities.diagnosticProvider, { interFileDependencies: true, workspaceDiagnostics: true });
  });

  after(() => {
    session?.kill();
    if (root) removeWorkspace(root);
  });

  it('reports every deployment file without opening any, findings where they are', async () => {
    first = (await workspacePull(session)).items;
    const files = byFile(root, first);
    for (const file of ['gunicorn.conf.py', 'deploy/myapp.service', 'deploy/nginx/sites-available/myapp.conf', 'myapp/wsgi.py']) {
      const item = files.get(file);
      assert.equal(item?.kind, 'full', `${file} in ${[...files.keys()].join(', ')}`);
      assert.equal(item.version, null, 'not open: no version');
      assert.ok(item.resultId, 'with a result id');
    }
    assert.ok(
      codes(files.get('deploy/nginx/sites-available/myapp.conf')).includes('deploy/bind-mismatch'),
      JSON.stringify(files.get('deploy/nginx/sites-available/myapp.conf')),
    );
    assert.ok(codes(files.get('gunicorn.conf.py')).includes('gunicorn/unknown-setting'));
    assert.ok(codes(files.get('myapp/wsgi.py')).includes('gunicorn/sigterm-override'), 'the app module, outside any document selector');
    // The same findings as a document pull of the file gives.
    const pulled = await session.pull(fileUri(path.join(root, 'deploy/nginx/sites-available/myapp.conf')));
    assert.deepEqual(pulled, files.get('deploy/nginx/sites-available/myapp.conf')?.items);
    // Files no format claims are not reported.
    assert.equal(files.has('README.md'), false);
  });

  it('answers `unchanged` for every file when nothing changed', async () => {
    const again = (await workspacePull(session, first)).items;
    assert.equal(again.length, first.length);
    assert.deepEqual(
      again.filter((item) => item.kind !== 'unchanged').map((item) => item.uri),
      [],
    );
    for (const item of again) assert.equal(item.resultId, first.find((earlier) => earlier.uri === item.uri)?.resultId);
  });

  it('after a change on disk, asks the client to re-pull and sends in full only the file whose findings changed', async () => {
    const refreshes = session.refreshRequests;
    const sitePath = path.join(root, 'deploy/nginx/sites-available/myapp.conf');
    fs.writeFileSync(sitePath, site('gunicorn.sock'));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(sitePath), type: 2 }] });
    await session.waitFor('workspace/diagnostic/refresh', () => session.refreshRequests > refreshes, 5000);
    const items = (await workspacePull(session, first)).items;
    const full = items.filter((item) => item.kind === 'full');
    assert.deepEqual(
      full.map((item) => path.relative(root, new URL(item.uri).pathname)),
      ['deploy/nginx/sites-available/myapp.conf'],
    );
    assert.equal(codes(full[0]).includes('deploy/bind-mismatch'), false, 'the 502 is gone');
    first = items.map((item) => (item.kind === 'full' ? item : { ...item, resultId: first.find((earlier) => earlier.uri === item.uri)?.resultId }));
  });

  it('gives an open document its version and the URI the client used', async () => {
    const configPath = path.join(root, 'gunicorn.conf.py');
    const uri = session.open(configPath, CONFIG.replace('timout', 'timeout'), 'python', 7);
    const items = (await workspacePull(session, first)).items;
    const config = items.find((item) => item.uri === uri);
    assert.equal(config?.kind, 'full', 'the edit removed the typo');
    assert.equal(config.version, 7);
    assert.equal(codes(config).includes('gunicorn/unknown-setting'), false);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    first = items;
  });

  it('clears a file deleted on disk', async () => {
    const appPath = path.join(root, 'myapp/wsgi.py');
    const before = (await workspacePull(session, first)).items;
    fs.rmSync(appPath);
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(appPath), type: 3 }] });
    const items = (await workspacePull(session, before)).items;
    const app = items.find((item) => item.uri === fileUri(appPath));
    assert.equal(app?.kind, 'full');
    assert.deepEqual(app.items, []);
  });
});

describe('LSP over stdio: a client that cannot pull', () => {
  it('is not offered workspace diagnostics, gets no workspace reports, and is pushed diagnostics for its open files', async () => {
    const root = makeWorkspace(FILES);
    const session = LspSession.start();
    try {
      const init = await session.initialize({ rootPath: root, pullDiagnostics: false, configuration: false });
      assert.equal(init.capabilities.diagnosticProvider, undefined);
      assert.deepEqual((await workspacePull(session)).items, []);
      const uri = session.open(path.join(root, 'gunicorn.conf.py'), CONFIG);
      const published = await session.waitFor('diagnostics pushed for the open config', () => session.lastPublished(uri));
      assert.ok(published.diagnostics.some((d) => d.code === 'gunicorn/unknown-setting'));
      assert.equal(published.version, 1);
      // Only open files are pushed: the app module's finding waits until it is opened.
      assert.equal(
        session.published.some((p) => p.uri.endsWith('/myapp/wsgi.py')),
        false,
      );
    } finally {
      session.kill();
      removeWorkspace(root);
    }
  });
});
