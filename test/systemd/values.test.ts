import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDirective } from '../../server/src/knowledge/systemd';
import { checkLimit, checkValue, isSignal, parseSize, parseTimeSpan } from '../../server/src/formats/systemd/values';

test('time spans as parse_sec reads them', () => {
  assert.equal(parseTimeSpan('90'), 90);
  assert.equal(parseTimeSpan('1min 30s'), 90);
  assert.equal(parseTimeSpan('1m30'), 90);
  assert.equal(parseTimeSpan('1.5h'), 5400);
  assert.equal(parseTimeSpan('500ms'), 0.5);
  assert.equal(parseTimeSpan('infinity'), Infinity);
  assert.equal(parseTimeSpan('5 parsecs'), undefined);
  assert.equal(parseTimeSpan('-1'), undefined);
  assert.equal(parseTimeSpan(''), undefined);
});

test('limits, signals and sizes', () => {
  assert.equal(checkLimit('65536', 'RLIMIT_NOFILE'), undefined);
  assert.equal(checkLimit('1024:infinity', 'RLIMIT_NOFILE'), undefined);
  assert.ok(checkLimit('65536:1024', 'RLIMIT_NOFILE'));
  assert.ok(checkLimit('1K', 'RLIMIT_NOFILE'));
  assert.equal(checkLimit('1G', 'RLIMIT_CORE'), undefined);
  assert.equal(checkLimit('10min', 'RLIMIT_CPU'), undefined);
  assert.ok(isSignal('SIGTERM') && isSignal('TERM') && isSignal('15') && isSignal('SIGRTMIN+3'));
  assert.ok(!isSignal('sigterm') && !isSignal('SIGFOO') && !isSignal('0') && !isSignal('RTMIN-1'));
  assert.equal(parseSize('2G'), 2 * 1024 ** 3);
  assert.equal(parseSize('lots'), undefined);
  assert.equal(parseSize('1G 512M'), 1.5 * 1024 ** 3);
  assert.equal(parseSize('1.5K'), 1536);
  assert.equal(parseSize('512B'), 512);
  for (const refused of ['1GB', '1g', '512M 1G', '1M1M', '-1', '']) assert.equal(parseSize(refused), undefined, refused);
});

test('checkValue follows the directive kind, strict only where systemd is', () => {
  const check = (name: string, value: string, version = '257') => checkValue(findDirective('Service', name, version)!, value);
  assert.equal(check('PrivateTmp', 'yes'), undefined);
  assert.ok(check('PrivateTmp', 'maybe'));
  assert.equal(check('PrivateTmp', 'disconnected'), undefined);
  assert.ok(check('PrivateTmp', 'disconnected', '252'));
  assert.equal(check('Type', 'notify-reload'), undefined);
  assert.ok(check('Type', 'notify-reload', '252'));
  assert.ok(check('Restart', 'Always'));
  assert.equal(check('KillMode', ''), undefined);
  assert.ok(check('Restart', ''));
  assert.ok(check('TimeoutStopSec', ''));
  assert.equal(check('UMask', '0027'), undefined);
  assert.ok(check('UMask', '0o27'));
  assert.equal(check('MemoryMax', '75%'), undefined);
  assert.ok(check('MemoryMax', '1X'));
  // Kinds we cannot judge exactly always pass.
  assert.equal(check('User', '%i'), undefined);
  assert.equal(check('PIDFile', ''), undefined);
});
