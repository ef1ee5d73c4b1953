/**
 * `gunicornLint/deploymentMap` through the bundled server over stdio: the graph of the workspace, which follows an
 * edit of an open document (the client asks again after edits); another folder gets null.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DeploymentGraph } from '../../server/src/deployment/map/types';
import { fileUri, LspSession, makeWorkspace, removeWorkspace } from '../lsp/support/lspSession';

const CONFIG = 'bind = "unix:/run/myapp/gunicorn.sock"\nworkers = 2\n';
const UNIT = '[Service]\nUser=myapp\nRuntimeDirectory=myapp\nExecStart=/srv/myapp/.venv/bin/gunicorn -c /srv/myapp/gunicorn.conf.py myapp.wsgi:app\n';
const SITE = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://unix:/run/myapp/app.sock;\n    }\n}\n';

describe('LSP: gunicornLint/deploymentMap', () => {
  let root: string;
  let session: LspSession;

  before(async () => {
    root = makeWorkspace({
      'gunicorn.conf.py': CONFIG,
      'myapp/__init__.py': '',
      'myapp/wsgi.py': 'def app(environ, start_response):\n    pass\n',
      'deploy/myapp.service': UNIT,
      'deploy/nginx/sites-available/myapp.conf': SITE,
    });
    session = LspSession.start();
    await session.initialize({ rootPath: root, pullDiagnostics: false, configuration: false });
  });

  after(() => {
    session?.kill();
    if (root) removeWorkspace(root);
  });

  const socketsReached = (graph: DeploymentGraph) =>
    graph.edges.filter((edge) => edge.from.startsWith('location:')).map((edge) => graph.nodes.find((node) => node.id === edge.to)?.label);

  it('answers the graph, with the mismatch on the proxy_pass edge', async () => {
    const graph = await session.request<DeploymentGraph>('gunicornLint/deploymentMap', {});
    assert.equal(graph.version, 1);
    assert.equal(graph.root, root);
    assert.deepEqual(socketsReached(graph), ['unix:/run/myapp/app.sock']);
    const edge = graph.edges.find((e) => e.from.startsWith('location:'));
    assert.deepEqual(
      edge?.findings.map((f) => f.id),
      ['deploy/bind-mismatch'],
    );
  });

  it('follows an edit of an open document', async () => {
    const uri = session.open(path.join(root, 'gunicorn.conf.py'), CONFIG);
    session.change(uri, 2, { start: { line: 0, character: 24 }, end: { line: 0, character: 32 } }, 'app');
    const graph = await session.request<DeploymentGraph>('gunicornLint/deploymentMap', { folder: fileUri(root) });
    assert.deepEqual(socketsReached(graph), ['unix:/run/myapp/app.sock']);
    const socket = graph.nodes.find((node) => node.label === 'unix:/run/myapp/app.sock');
    assert.ok(socket?.details.includes('gunicorn listens here'), JSON.stringify(graph.nodes.map((n) => n.label)));
    assert.ok(graph.edges.every((e) => e.findings.length === 0 || !e.findings.some((f) => f.id === 'deploy/bind-mismatch')));
  });

  it('another folder gets null', async () => {
    assert.equal(await session.request('gunicornLint/deploymentMap', { folder: fileUri(path.join(root, 'elsewhere')) }), null);
  });
});
