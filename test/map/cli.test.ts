/** `gunicorn-lint --map`: the graph instead of findings, exit 0; a bad format or several folders exit 2. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import type { DeploymentGraph } from '../../server/src/deployment/map/types';
import { repoRoot } from '../support/repo';

async function cli(args: string[], cwd = repoRoot()): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(
    args,
    cwd,
    (text) => (out += text),
    (text) => (err += text),
    false,
  );
  return { code, out, err };
}

describe('gunicorn-lint --map', () => {
  test('json: the graph of the folder, exit 0 even with error findings on it', async () => {
    const { code, out, err } = await cli(['--map', 'json', 'test/fixtures/deploy/bind-mismatch']);
    assert.equal(err, '');
    assert.equal(code, 0);
    const graph = JSON.parse(out) as DeploymentGraph;
    assert.equal(graph.version, 1);
    assert.equal(graph.root, 'test/fixtures/deploy/bind-mismatch', 'the folder as given, not the machine path');
    assert.ok(graph.edges.some((edge) => edge.findings.some((f) => f.id === 'deploy/bind-mismatch')));
  });

  test('mermaid and dot, with --map=FORMAT too; no PATH means the current folder', async () => {
    const mermaid = await cli(['--map=mermaid'], path.join(repoRoot(), 'examples'));
    assert.equal(mermaid.code, 0);
    assert.match(mermaid.out, /^flowchart LR\n/);
    const dot = await cli(['--map', 'dot', 'examples']);
    assert.equal(dot.code, 0);
    assert.match(dot.out, /^digraph deployment \{\n/);
  });

  test('--rule settings reach the map: a check turned off is not drawn', async () => {
    const { out } = await cli(['--map', 'json', '--rule', 'deploy/bind-mismatch=off', 'test/fixtures/deploy/bind-mismatch']);
    const graph = JSON.parse(out) as DeploymentGraph;
    assert.ok(!graph.edges.some((edge) => edge.findings.some((f) => f.id === 'deploy/bind-mismatch')));
  });

  test('a bad format, several folders or a file exit 2 with a message', async () => {
    const bad = await cli(['--map', 'svg', 'examples']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown map format "svg"/);
    const two = await cli(['--map', 'json', 'examples', 'examples/container']);
    assert.equal(two.code, 2);
    assert.match(two.err, /one folder/);
    const file = await cli(['--map', 'json', 'examples/gunicorn.conf.py']);
    assert.equal(file.code, 2);
    assert.equal(file.out, '');
  });

  test('an empty folder gives an empty graph', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-map-'));
    try {
      const { code, out } = await cli(['--map', 'json', empty]);
      assert.equal(code, 0);
      const graph = JSON.parse(out) as DeploymentGraph;
      assert.deepEqual([graph.nodes, graph.edges], [[], []]);
      assert.equal((JSON.parse((await cli(['--map', 'json'], empty)).out) as DeploymentGraph).root, '.');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
