/**
 * The deployment map of real folders (test fixtures and examples/): the chain a person expects, each node at its
 * line, and findings on the node or edge they concern.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { NODE_KINDS } from '../../server/src/deployment/map/types';
import type { DeploymentGraph } from '../../server/src/service/deploymentMap';
import { repoRoot } from '../support/repo';
import { edgesBetween, edgesInto, lineOf, mapOf, nodeLabelled } from './support';

function assertWellFormed(graph: DeploymentGraph): void {
  assert.equal(graph.version, 1);
  const ids = new Set(graph.nodes.map((node) => node.id));
  assert.equal(ids.size, graph.nodes.length, 'node ids are unique');
  for (const edge of graph.edges) assert.ok(ids.has(edge.from) && ids.has(edge.to), `edge ${edge.from} -> ${edge.to} joins known nodes`);
  const ranks = graph.nodes.map((node) => NODE_KINDS.indexOf(node.kind));
  assert.deepEqual(
    ranks,
    [...ranks].sort((a, b) => a - b),
    'nodes in request order',
  );
  for (const node of graph.nodes) assert.ok(!node.place.path.startsWith('/'), `${node.id}: paths relative to the root`);
}

describe('deployment map', () => {
  test('the 502 socket mismatch: nginx reaches a socket nobody binds, and the edge to it carries the finding', async () => {
    const folder = 'test/fixtures/deploy/bind-mismatch';
    const graph = await mapOf(folder);
    assertWellFormed(graph);
    const upstream = nodeLabelled(graph, 'upstream', 'upstream myapp');
    const orphan = nodeLabelled(graph, 'socket', 'unix:/run/myapp/app.sock');
    const bound = nodeLabelled(graph, 'socket', 'unix:/run/myapp/gunicorn.sock');
    const gunicorn = nodeLabelled(graph, 'gunicorn', 'gunicorn (systemd myapp.service)');

    const [toOrphan] = edgesBetween(graph, upstream, orphan);
    assert.ok(toOrphan, 'upstream -> the socket nginx names');
    assert.deepEqual(
      toOrphan.findings.map((f) => [f.id, f.severity]),
      [['deploy/bind-mismatch', 'error']],
    );
    assert.deepEqual(toOrphan.place, { path: 'deploy/nginx/sites-available/myapp.conf', line: 1, character: 11 });
    assert.ok(orphan.details.includes('nothing in the workspace listens here'));
    assert.equal(graph.edges.filter((edge) => edge.from === orphan.id).length, 0, 'nothing serves the socket nginx uses');
    assert.deepEqual(edgesInto(graph, bound), [], 'and nothing reaches the socket gunicorn binds');
    assert.equal(edgesBetween(graph, bound, gunicorn).length, 1);
  });

  test('the same deployment with matching sockets: one chain, no finding on it', async () => {
    const graph = await mapOf('test/fixtures/deploy/bind-mismatch-ok');
    assertWellFormed(graph);
    const upstream = nodeLabelled(graph, 'upstream', 'upstream myapp');
    const socket = nodeLabelled(graph, 'socket', 'unix:/run/myapp/gunicorn.sock');
    const gunicorn = nodeLabelled(graph, 'gunicorn', 'gunicorn (systemd myapp.service)');
    assert.equal(graph.nodes.filter((node) => node.kind === 'socket').length, 1);
    assert.deepEqual(edgesBetween(graph, upstream, socket)[0]?.findings, []);
    assert.equal(edgesBetween(graph, socket, gunicorn)[0]?.label, 'bind');
    assert.ok(graph.edges.every((edge) => edge.findings.every((f) => f.id !== 'deploy/bind-mismatch')));
  });

  test('examples/deploy: location -> upstream -> socket -> systemd gunicorn -> config -> app, each at its line', async () => {
    const graph = await mapOf('examples');
    assertWellFormed(graph);
    const site = 'deploy/nginx/sites-available/myapp.conf';
    const location = graph.nodes.find((node) => node.kind === 'nginx-location' && node.place.path === site);
    assert.ok(location);
    assert.equal(location.label, 'location /');
    assert.equal(location.place.line, lineOf('examples', site, 'location / {'));
    assert.ok(location.details.includes('server myapp.example.com'));
    const upstream = nodeLabelled(graph, 'upstream', 'upstream myapp');
    const socket = nodeLabelled(graph, 'socket', 'unix:/run/myapp/gunicorn.sock');
    const gunicorn = nodeLabelled(graph, 'gunicorn', 'gunicorn (systemd myapp.service)');
    const config = nodeLabelled(graph, 'config', 'gunicorn.conf.py');
    const app = graph.nodes.find((node) => node.kind === 'app' && node.place.path === 'myapp/wsgi.py');
    assert.ok(app, 'the app node points into myapp/wsgi.py');
    assert.equal(app.label, 'myapp.wsgi:app');

    assert.equal(edgesBetween(graph, location, upstream)[0]?.label, 'proxy_pass');
    assert.equal(edgesBetween(graph, upstream, socket)[0]?.label, 'server');
    assert.equal(edgesBetween(graph, socket, gunicorn)[0]?.label, 'bind');
    assert.equal(edgesBetween(graph, gunicorn, config)[0]?.label, '-c');
    // The app target is written in the config (wsgi_app), so the edge starts there.
    const toApp = edgesBetween(graph, config, app)[0];
    assert.equal(toApp?.label, 'wsgi_app');
    assert.equal(toApp.place?.line, lineOf('examples', 'gunicorn.conf.py', 'wsgi_app ='));

    assert.equal(gunicorn.place.path, 'deploy/systemd/myapp.service');
    assert.equal(gunicorn.place.line, lineOf('examples', 'deploy/systemd/myapp.service', 'ExecStart='));
    assert.ok(
      gunicorn.details.some((d) => /^workers 4 x threads 4$/.test(d)),
      gunicorn.details.join(' | '),
    );
    assert.ok(gunicorn.details.includes('timeout 600 s, graceful_timeout 30 s'), gunicorn.details.join(' | '));
    // The timeout chain: nginx's default 60 s read timeout against gunicorn's 600 s, on the proxy_pass edge.
    assert.ok(edgesBetween(graph, location, upstream)[0].findings.some((f) => f.id === 'deploy/proxy-timeout'));
    // Findings in the config land on the config node, at their own lines.
    const unknown = config.findings.find((f) => f.id === 'gunicorn/unknown-setting');
    assert.equal(unknown?.place.line, lineOf('examples', 'gunicorn.conf.py', 'workers_class'));
    assert.ok(gunicorn.findings.some((f) => f.id === 'systemd/kill-mode'));
  });

  test('examples/container: nginx reaches the Kubernetes gunicorn; compose binds loopback, which nginx cannot reach', async () => {
    const graph = await mapOf('examples/container');
    assertWellFormed(graph);
    const location = nodeLabelled(graph, 'nginx-location', 'location /');
    const wildcard = nodeLabelled(graph, 'socket', '0.0.0.0:8000');
    const loopback = nodeLabelled(graph, 'socket', '127.0.0.1:8000');
    const kubernetes = graph.nodes.find((node) => node.kind === 'gunicorn' && node.label.startsWith('gunicorn (Kubernetes'));
    const compose = nodeLabelled(graph, 'gunicorn', 'gunicorn (compose web)');
    assert.ok(kubernetes);
    assert.equal(edgesBetween(graph, location, wildcard)[0]?.label, 'proxy_pass');
    assert.equal(edgesBetween(graph, wildcard, kubernetes).length, 1);
    assert.deepEqual(edgesInto(graph, loopback), []);
    const bind = edgesBetween(graph, loopback, compose)[0];
    assert.deepEqual(
      bind?.findings.map((f) => f.id),
      ['deploy/bind-mismatch'],
    );
    assert.equal(bind.place?.path, 'gunicorn.conf.py');
    assert.ok(compose.details.includes('container (compose), PID 1: gunicorn'), compose.details.join(' | '));
    // Both containers load the one config file: one config node, two edges into it.
    const config = nodeLabelled(graph, 'config', 'gunicorn.conf.py');
    assert.equal(edgesInto(graph, config).length, 2);
    assert.ok(config.findings.some((f) => f.id === 'gunicorn/cpu-count-in-container'));
  });

  test('a timeout chain that breaks shows on the location that sets it, and not when the chain holds', async () => {
    const broken = await mapOf('test/fixtures/deploy/proxy-timeout');
    const holds = await mapOf('test/fixtures/deploy/proxy-timeout-ok');
    const all = (graph: DeploymentGraph) => [...graph.nodes.flatMap((n) => n.findings), ...graph.edges.flatMap((e) => e.findings)];
    const found = all(broken).filter((f) => f.id === 'deploy/proxy-timeout');
    assert.equal(found.length, 1);
    const holder = [...broken.nodes, ...broken.edges].find((item) => item.findings.some((f) => f.id === 'deploy/proxy-timeout'));
    assert.ok(holder && ('kind' in holder ? holder.kind === 'nginx-location' : holder.label === 'proxy_pass'), JSON.stringify(holder));
    assert.deepEqual(
      all(holds).filter((f) => f.id === 'deploy/proxy-timeout'),
      [],
    );
  });

  test('deterministic: the same folder gives the same JSON', async () => {
    const [a, b] = [await mapOf('examples'), await mapOf('examples')];
    assert.equal(JSON.stringify(a), JSON.stringify(b));
  });
});

describe('deployment map of every fixture folder', () => {
  test('each is well formed: unique ids, edges between known nodes, places inside their files', async () => {
    const fixtures = path.join(repoRoot(), 'test', 'fixtures');
    const folders = fs
      .readdirSync(fixtures, { withFileTypes: true })
      .filter((domain) => domain.isDirectory())
      .flatMap((domain) =>
        fs
          .readdirSync(path.join(fixtures, domain.name), { withFileTypes: true })
          .filter((scenario) => scenario.isDirectory())
          .map((scenario) => path.join(fixtures, domain.name, scenario.name)),
      );
    assert.ok(folders.length > 100, `fixture folders: ${folders.length}`);
    let drawn = 0;
    for (const folder of folders) {
      const graph = await mapOf(folder);
      assertWellFormed(graph);
      if (graph.nodes.length > 0) drawn++;
      for (const item of [...graph.nodes, ...graph.edges]) {
        for (const place of ['place' in item ? item.place : undefined, ...item.findings.map((f) => f.place)]) {
          if (!place) continue;
          const lines = fs.readFileSync(path.join(folder, place.path), 'utf8').split(/\r\n|\r|\n/);
          assert.ok(
            place.line < lines.length && place.character <= lines[place.line].length,
            `${folder}: ${place.path}:${place.line}:${place.character} inside the file`,
          );
        }
      }
    }
    assert.ok(drawn > 50, `folders with a map: ${drawn}`);
  });
});
