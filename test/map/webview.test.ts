/**
 * The map webview's pure parts: the page's Content-Security-Policy (nothing remote, no inline code or styles) and
 * the layered layout on real graphs (columns in request order, no overlapping boxes, every edge drawn rightwards).
 * The drawing itself is checked in a real browser by test/e2e/code-server/map-check.mjs.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { contentSecurityPolicy, mapPage } from '../../client/src/map/html';
import type { DeploymentGraph as ClientGraph } from '../../client/src/map/graphTypes';
import { isFromView } from '../../client/src/map/protocol';
import { NODE_KINDS as SERVER_KINDS, type DeploymentGraph as ServerGraph } from '../../server/src/deployment/map/types';
import { edgePath, layout, type Box } from '../../client/src/map/webview/layout';
import { repoRoot } from '../support/repo';
import { mapOf } from './support';

const RESOURCES = { cspSource: 'https://x.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/mapView.js', styleUri: 'https://x/dist/mapView.css' };

describe('map webview page', () => {
  test('a strict CSP: only the nonce script and the extension stylesheet', () => {
    const page = mapPage(RESOURCES, 'abc123');
    assert.ok(page.includes(`content="default-src 'none'; style-src ${RESOURCES.cspSource}; script-src 'nonce-abc123'; img-src ${RESOURCES.cspSource} data:"`));
    assert.equal(contentSecurityPolicy('src', 'n'), `default-src 'none'; style-src src; script-src 'nonce-n'; img-src src data:`);
    assert.doesNotMatch(page, /unsafe-inline|unsafe-eval/);
    const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="abc123" src="${RESOURCES.scriptUri}">`]);
    assert.doesNotMatch(page, /\sstyle=|<style/);
    assert.notEqual(mapPage(RESOURCES).match(/nonce-([^']+)'/)?.[1], mapPage(RESOURCES).match(/nonce-([^']+)'/)?.[1], 'a fresh nonce per page');
  });

  test('the webview script and stylesheet load nothing remote', () => {
    for (const file of ['client/src/map/webview/main.ts', 'client/src/map/webview/mapView.css']) {
      const text = fs.readFileSync(path.join(repoRoot(), file), 'utf8');
      const urls = [...text.matchAll(/https?:\/\/[^\s'"`)]+/g)].map((m) => m[0]);
      assert.deepEqual(
        urls.filter((url) => url !== 'http://www.w3.org/2000/svg'),
        [],
        file,
      );
      assert.doesNotMatch(text, /@import|url\(\s*['"]?http|innerHTML|eval\(/, file);
    }
  });

  test('messages from the view are checked before use', () => {
    assert.ok(isFromView({ type: 'ready' }));
    assert.ok(isFromView({ type: 'open', place: { path: 'a.conf', line: 1, character: 0 } }));
    assert.ok(!isFromView({ type: 'open', place: { path: 'a.conf', line: '1' } }));
    assert.ok(!isFromView({ type: 'run', command: 'x' }));
    assert.ok(!isFromView(null));
  });
});

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('map layout', () => {
  for (const folder of ['examples', 'examples/container', 'test/fixtures/deploy/bind-mismatch']) {
    test(`${folder}: columns in request order, no overlaps, edges rightwards, all inside the drawing`, async () => {
      const graph = await mapOf(folder);
      const placed = layout(graph);
      assert.equal(placed.boxes.length, graph.nodes.length);
      const byId = new Map(placed.boxes.map((box) => [box.node.id, box]));
      for (const [i, a] of placed.boxes.entries()) {
        for (const b of placed.boxes.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.node.id} overlaps ${b.node.id}`);
        assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= placed.width && a.y + a.height <= placed.height, `${a.node.id} inside`);
      }
      for (const edge of graph.edges) assert.ok(byId.get(edge.from)!.column < byId.get(edge.to)!.column, `${edge.from} -> ${edge.to} goes right`);
      const columnOf = (kind: string) => placed.boxes.find((box) => box.node.kind === kind)?.column;
      assert.equal(columnOf('nginx-location'), 0);
      assert.ok(columnOf('gunicorn')! > columnOf('socket')!);
    });
  }

  test('neighbours line up: each deployment of examples/ reads along one band', async () => {
    const placed = layout(await mapOf('examples'));
    const box = (label: string, kind: string) => placed.boxes.find((b) => b.node.label === label && b.node.kind === kind)!;
    const systemd = box('gunicorn (systemd myapp.service)', 'gunicorn');
    const compose = box('gunicorn (compose web)', 'gunicorn');
    const systemdSocket = box('unix:/run/myapp/gunicorn.sock', 'socket');
    const composeSocket = box('127.0.0.1:8000', 'socket');
    // The order within the socket column follows the order of the gunicorns they serve.
    assert.equal(Math.sign(systemdSocket.y - composeSocket.y), Math.sign(systemd.y - compose.y));
  });
});

describe('edge labels', () => {
  test('a link that skips a column is labelled beside its start, off the nodes of the column it crosses', async () => {
    const graph = await mapOf('examples');
    const placed = layout(graph);
    const byId = new Map(placed.boxes.map((box) => [box.node.id, box]));
    for (const edge of graph.edges) {
      const [from, to] = [byId.get(edge.from)!, byId.get(edge.to)!];
      const { labelX } = edgePath(from, to);
      assert.ok(labelX > from.x + from.width && labelX < from.x + from.width + 104 + 1, `${edge.label} label in the gap after its source`);
    }
  });
});

describe('the wire format', () => {
  test('the client copy of the graph types accepts what the server sends, and the reverse (checked by tsc)', async () => {
    const sent: ServerGraph = await mapOf('test/fixtures/deploy/bind-mismatch');
    const received: ClientGraph = sent;
    const back: ServerGraph = received;
    assert.equal(back, sent);
    assert.deepEqual(SERVER_KINDS, ['nginx-location', 'upstream', 'socket', 'gunicorn', 'config', 'app'] satisfies ClientGraph['nodes'][number]['kind'][]);
  });
});
