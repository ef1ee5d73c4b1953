/** Signal handlers replaced and the standard library monkey-patched on load. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPython } from '../../server/src/core/treeSitter';
import { facts } from './support';

before(() => initPython());

function signals(...lines: string[]): string[] {
  return facts(...lines)
    .signalHandlers.filter((fact) => fact.runs === 'import')
    .map((fact) => fact.signal);
}

function patches(...lines: string[]): number {
  return facts(...lines).monkeyPatches.filter((fact) => fact.runs === 'import').length;
}

test('signal.signal for SIGTERM, SIGINT and SIGQUIT', () => {
  assert.deepEqual(signals('import signal', 'signal.signal(signal.SIGTERM, handler)'), ['SIGTERM']);
  assert.deepEqual(signals('from signal import signal, SIGINT', 'signal(SIGINT, handler)'), ['SIGINT']);
  assert.deepEqual(signals('import signal as sig', 'sig.signal(sig.Signals.SIGQUIT, handler)'), ['SIGQUIT']);
});

test('other signals, other `signal` functions, and handlers set in functions do not count', () => {
  assert.deepEqual(signals('import signal', 'signal.signal(signal.SIGUSR1, handler)'), []);
  assert.deepEqual(signals('from blinker import signal', 'signal("done")'), []);
  assert.deepEqual(signals('import signal', 'def install():', '    def later():', '        signal.signal(signal.SIGTERM, handler)'), []);
});

test('gevent and eventlet monkey-patching', () => {
  assert.equal(patches('from gevent import monkey', 'monkey.patch_all()'), 1);
  assert.equal(patches('import gevent.monkey', 'gevent.monkey.patch_all()'), 1);
  assert.equal(patches('import eventlet', 'eventlet.monkey_patch()'), 1);
  assert.equal(patches('from mylib import monkey', 'monkey.patch_all()'), 0);
  assert.equal(patches('import eventlet', 'if __name__ == "__main__":', '    eventlet.monkey_patch()'), 0);
});
