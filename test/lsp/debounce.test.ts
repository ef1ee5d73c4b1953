/**
 * The timers that pace the server's work after edits: a Coalescer runs at once (or after its first delay), then at
 * most once per interval while calls keep coming, and once after the last; disposing it must leave the process's
 * timers and immediates working (vscode-jsonrpc reads and answers every message through setImmediate).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Coalescer, Debouncer } from '../../server/src/lsp/debounce';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Resolves on the next turn through setImmediate, or says it never came. */
const immediateRuns = () => Promise.race([new Promise((resolve) => setImmediate(() => resolve(true))), sleep(200).then(() => false)]);

test('disposing a coalescer while its first delay is pending leaves setImmediate working', async () => {
  let runs = 0;
  const coalescer = new Coalescer(100, () => runs++, 15);
  coalescer.schedule();
  assert.equal(coalescer.pending, true);
  coalescer.dispose();
  assert.equal(await immediateRuns(), true, 'setImmediate callbacks still run');
  await sleep(40);
  assert.equal(runs, 0, 'the disposed run never happens');
});

test('disposing a coalescer while its immediate is pending cancels it and leaves timers working', async () => {
  let runs = 0;
  const coalescer = new Coalescer(100, () => runs++);
  coalescer.schedule();
  coalescer.dispose();
  assert.equal(await immediateRuns(), true);
  await sleep(20);
  assert.equal(runs, 0);
});

test('a coalescer runs once at first, once per interval during a burst, once after it', async () => {
  let runs = 0;
  const coalescer = new Coalescer(50, () => runs++);
  try {
    coalescer.schedule();
    await immediateRuns();
    assert.equal(runs, 1, 'the first call runs on the next turn');
    for (let i = 0; i < 10; i++) {
      coalescer.schedule();
      await sleep(5);
    }
    assert.ok(runs <= 2, `at most one more run inside the first interval, got ${runs}`);
    await sleep(150);
    const settled = runs;
    assert.ok(settled >= 2 && settled <= 3, `the burst ends with one run after it, got ${settled}`);
    await sleep(100);
    assert.equal(runs, settled, 'nothing more once calls stop');
  } finally {
    coalescer.dispose();
  }
});

test('a debouncer runs once, after the last call', async () => {
  let runs = 0;
  const debouncer = new Debouncer(30, () => runs++);
  try {
    for (let i = 0; i < 5; i++) {
      debouncer.schedule();
      await sleep(5);
    }
    assert.equal(runs, 0);
    await sleep(60);
    assert.equal(runs, 1);
  } finally {
    debouncer.dispose();
  }
});
