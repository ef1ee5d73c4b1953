/**
 * The protocol's lifecycle and edit bursts, against the bundled server over stdio: requests before `initialize`
 * fail with ServerNotInitialized (-32002), requests after `shutdown` with InvalidRequest (-32600); a push client's
 * burst of edits gets its diagnostics once the burst ends, not once per keystroke.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { LspSession, makeWorkspace, removeWorkspace } from './support/lspSession';

const HOVER = { textDocument: { uri: 'file:///nowhere/gunicorn.conf.py' }, position: { line: 0, character: 0 } };

async function errorCode(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: number }).code;
  }
}

test('requests before initialize: -32002, for our methods and unknown ones; notifications are dropped', async () => {
  const session = LspSession.start();
  try {
    assert.equal(await errorCode(session.request('textDocument/hover', HOVER)), -32002);
    assert.equal(await errorCode(session.request('textDocument/diagnostic', { textDocument: HOVER.textDocument })), -32002);
    assert.equal(await errorCode(session.request('workspace/somethingElse', {})), -32002);
    assert.equal(await errorCode(session.request('shutdown', null)), -32002);
    session.open('/nowhere/gunicorn.conf.py', 'workers = 2\n');
    // After initialize the session works as usual.
    const root = makeWorkspace({ 'gunicorn.conf.py': 'workers = 2\n' });
    try {
      await session.initialize({ rootPath: root, pullDiagnostics: true });
      assert.equal(await errorCode(session.request('initialize', { processId: null, rootUri: null, capabilities: {} })), -32600, 'a second initialize');
      const uri = session.open(path.join(root, 'gunicorn.conf.py'), 'workers = 2\n');
      assert.ok(Array.isArray(await session.pull(uri)));
      assert.equal(session.published.length, 0, 'the didOpen sent before initialize was dropped');
    } finally {
      removeWorkspace(root);
    }
  } finally {
    session.kill();
  }
});

test('requests after shutdown: -32600; exit still ends the process', async () => {
  const root = makeWorkspace({ 'gunicorn.conf.py': 'workers = 2\n' });
  const session = LspSession.start();
  try {
    await session.initialize({ rootPath: root, pullDiagnostics: true });
    await session.request('shutdown', null);
    assert.equal(await errorCode(session.request('textDocument/hover', HOVER)), -32600);
    assert.equal(await errorCode(session.request('textDocument/completion', HOVER)), -32600);
    assert.equal(await errorCode(session.request('workspace/somethingElse', {})), -32600);
    assert.equal(await errorCode(session.request('shutdown', null)), -32600);
  } finally {
    session.kill();
    removeWorkspace(root);
  }
});

test('shutdown right after an edit is answered', async () => {
  // The edit leaves a timer pending (the check of other files' findings); shutdown disposes it, and once that broke
  // setImmediate, which the JSON-RPC layer answers through: the shutdown was never answered.
  const root = makeWorkspace({ 'gunicorn.conf.py': 'workers = 2\n' });
  const session = LspSession.start();
  try {
    await session.initialize({ rootPath: root, pullDiagnostics: true });
    const uri = session.open(path.join(root, 'gunicorn.conf.py'), 'workers = 2\n');
    await session.pull(uri);
    session.change(uri, 2, { start: { line: 0, character: 10 }, end: { line: 0, character: 11 } }, '3');
    const answered = session.request('shutdown', null).then(() => 'answered');
    assert.equal(await Promise.race([answered, new Promise((resolve) => setTimeout(() => resolve('no answer after 5 s'), 5000))]), 'answered');
    assert.equal(await errorCode(session.request('textDocument/hover', HOVER)), -32600, 'and it keeps answering');
  } finally {
    session.kill();
    removeWorkspace(root);
  }
});

test('a push client: a burst of edits is coalesced (the first edit at once, then at most one publish per interval), ending with the last version', async () => {
  const text = 'workers = 2\n';
  const root = makeWorkspace({ 'gunicorn.conf.py': text });
  const session = LspSession.start();
  try {
    await session.initialize({ rootPath: root, pullDiagnostics: false, configuration: false });
    const uri = session.open(path.join(root, 'gunicorn.conf.py'), text);
    await session.waitFor('the publish on open', () => session.lastPublished(uri));
    const since = session.published.length;
    const started = Date.now();
    // Twenty keystrokes, a few milliseconds apart: `workers = 2` grows to `workers = 2111…`, then the last one makes
    // the value a string gunicorn refuses.
    for (let version = 2; version <= 20; version++) {
      session.change(uri, version, { start: { line: 0, character: 9 + version }, end: { line: 0, character: 9 + version } }, '1');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    session.change(uri, 21, { start: { line: 0, character: 10 }, end: { line: 0, character: 30 } }, '"many"');
    const burstMs = Date.now() - started;
    const last = await session.waitFor('the publish for version 21', () => {
      const published = session.lastPublished(uri, since);
      return published?.version === 21 ? published : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const burst = session.published.slice(since).filter((p) => p.uri === uri);
    // One publish at the start, at most one per PUBLISH_DELAY_MS (120 ms) during the burst, one after it; never the
    // same diagnostics twice for the same version.
    const allowed = 2 + Math.ceil(burstMs / 120);
    assert.ok(burst.length <= allowed, `published ${burst.length} times for 20 edits in ${burstMs} ms: ${burst.map((p) => p.version).join(', ')}`);
    assert.equal(burst.filter((p) => p.version === 21).length, 1, 'the last version is published once');
    assert.ok(
      last.diagnostics.some((d) => d.code === 'gunicorn/invalid-value'),
      'the last text was analysed',
    );
  } finally {
    session.kill();
    removeWorkspace(root);
  }
});
