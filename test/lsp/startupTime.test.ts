/**
 * How long a client waits from spawning the server to the first diagnostics of a 60-line config. The figure is
 * printed (the performance budget is 300 ms), not asserted: timings on a shared machine are not a test.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { LspSession, makeWorkspace, rangeOf, removeWorkspace } from './support/lspSession';
import { sixtyLineConfig } from './support/workspaceFixture';

for (const mode of ['push', 'pull'] as const) {
  test(`spawn to first diagnostics of a 60-line config (${mode})`, async (t) => {
    const text = sixtyLineConfig();
    assert.equal(text.split('\n').length - 1, 60);
    const root = makeWorkspace({ 'gunicorn.conf.py': text, 'requirements.txt': 'gunicorn==23.0.0\n' });
    const started = performance.now();
    const session = LspSession.start();
    try {
      await session.initialize({ rootPath: root, pullDiagnostics: mode === 'pull' });
      const initialized = performance.now();
      const uri = session.open(path.join(root, 'gunicorn.conf.py'), text);
      const diagnostics = mode === 'pull' ? await session.pull(uri) : (await session.waitFor('diagnostics', () => session.lastPublished(uri))).diagnostics;
      const done = performance.now();
      const typo = diagnostics.filter((d) => d.code === 'gunicorn/unknown-setting');
      assert.deepEqual(
        typo.map((d) => d.range),
        [rangeOf(text, 'keepaliv', 1)],
        JSON.stringify(diagnostics),
      );
      const figure = `spawn->initialize ${(initialized - started).toFixed(0)} ms, spawn->first diagnostics ${(done - started).toFixed(0)} ms (${mode})`;
      t.diagnostic(figure);
      assert.equal(await session.shutdown(), 0);
    } finally {
      session.kill();
      removeWorkspace(root);
    }
  });
}
