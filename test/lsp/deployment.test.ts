/**
 * The deployment model through the bundled server over stdio: a change in an app module re-publishes the config
 * whose findings depend on it; hover says where an overridden setting is set instead; definition goes from an
 * nginx socket path to the gunicorn bind and from an app target to the app; the post_fork fix arrives as a
 * workspace edit of the config.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as lsp from 'vscode-languageserver-types';
import { fileUri, hoverText, LspSession, makeWorkspace, rangeOf, removeWorkspace } from './support/lspSession';

const CONFIG = 'wsgi_app = "myapp.wsgi:app"\nbind = "unix:/run/myapp/app.sock"\nworkers = 2\npreload_app = True\n';
const APP = 'from flask import Flask\nfrom sqlalchemy import create_engine\n\nengine = create_engine("postgresql://db/app")\napp = Flask(__name__)\n';
const UNIT = '[Service]\nUser=myapp\nRuntimeDirectory=myapp\nExecStart=/srv/myapp/.venv/bin/gunicorn -c /srv/myapp/gunicorn.conf.py --workers 4\n';
const SITE = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://unix:/run/myapp/app.sock;\n    }\n}\n';

describe('LSP over stdio: the deployment model', () => {
  let root: string;
  let session: LspSession;
  let configUri: string;
  let appUri: string;
  let appText = APP;

  before(async () => {
    root = makeWorkspace({
      'requirements.txt': 'gunicorn==23.0.0\nFlask==3.0.3\nSQLAlchemy==2.0.36\n',
      'gunicorn.conf.py': CONFIG,
      'myapp/__init__.py': '',
      'myapp/wsgi.py': APP,
      'deploy/myapp.service': UNIT,
      'deploy/nginx/sites-available/myapp.conf': SITE,
    });
    session = LspSession.start();
    await session.initialize({ rootPath: root, pullDiagnostics: false, configuration: false });
    configUri = session.open(path.join(root, 'gunicorn.conf.py'), CONFIG);
  });

  after(() => {
    session?.kill();
    if (root) removeWorkspace(root);
  });

  it('reports the shared pool on the preload line of the config', async () => {
    const published = await session.waitFor('config diagnostics', () => session.lastPublished(configUri));
    const pool = published.diagnostics.filter((d) => d.code === 'gunicorn/preload-db-pool');
    assert.equal(pool.length, 1, JSON.stringify(published.diagnostics));
    assert.equal(pool[0].range.start.line, 3);
    assert.ok(
      pool[0].relatedInformation?.some((r) => r.location.uri.endsWith('/myapp/wsgi.py')),
      'names the engine in the app module',
    );
  });

  it('offers the post_fork fix as an edit of the config', async () => {
    const published = session.lastPublished(configUri)!;
    const diagnostic = published.diagnostics.find((d) => d.code === 'gunicorn/preload-db-pool')!;
    const actions = await session.request<lsp.CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: configUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const fix = actions.find((action) => action.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const edits = fix.edit?.changes?.[configUri] ?? [];
    assert.ok(
      edits.some((edit) => /def post_fork\(server, worker\)/.test(edit.newText) && /dispose\(close=False\)/.test(edit.newText)),
      JSON.stringify(fix.edit),
    );
  });

  it('re-publishes the config when an edit of the app module removes the engine', async () => {
    appUri = session.open(path.join(root, 'myapp/wsgi.py'), appText);
    const since = session.published.length;
    session.change(appUri, 2, rangeOf(appText, 'create_engine("postgresql://db/app")'), 'None');
    appText = appText.replace('create_engine("postgresql://db/app")', 'None');
    const published = await session.waitFor('config re-published', () => session.lastPublished(configUri, since));
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === 'gunicorn/preload-db-pool'),
      [],
    );
  });

  it('hover on a setting the unit overrides says where the value really comes from', async () => {
    const hover = await session.request<lsp.Hover | null>('textDocument/hover', {
      textDocument: { uri: configUri },
      position: rangeOf(CONFIG, 'workers').start,
    });
    assert.match(hoverText(hover), /Overridden/);
    assert.match(hoverText(hover), /deploy\/myapp\.service:4/);
  });

  it('goes from the socket nginx connects to, to the bind that serves it', async () => {
    const siteUri = session.open(path.join(root, 'deploy/nginx/sites-available/myapp.conf'), SITE);
    const locations = await session.request<lsp.Location[]>('textDocument/definition', {
      textDocument: { uri: siteUri },
      position: rangeOf(SITE, '/run/myapp/app.sock').start,
    });
    assert.ok(
      locations.some((l) => l.uri === fileUri(path.join(root, 'gunicorn.conf.py')) && l.range.start.line === 1),
      JSON.stringify(locations),
    );
  });

  it('goes from the app target to the app', async () => {
    const locations = await session.request<lsp.Location[]>('textDocument/definition', {
      textDocument: { uri: configUri },
      position: rangeOf(CONFIG, 'myapp.wsgi:app').start,
    });
    assert.ok(
      locations.some((l) => l.uri.endsWith('/myapp/wsgi.py') && l.range.start.line === 4),
      JSON.stringify(locations),
    );
  });
});
