import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingNamed } from '../../server/src/knowledge/gunicorn/index';
import { pythonIntBase0 } from '../../server/src/knowledge/gunicorn/validators';
import { validateSettingValue } from '../../server/src/formats/gunicorn/validate';
import type { PyValue } from '../../server/src/formats/gunicorn/model';

const int = (value: number): PyValue => ({ kind: 'int', value });
const str = (value: string): PyValue => ({ kind: 'string', value });
const list = (...values: PyValue[]): PyValue => ({ kind: 'list', items: values.map((value) => ({ value, range: { start: 0, end: 0 } })) });
const none: PyValue = { kind: 'none' };
const bool = (value: boolean): PyValue => ({ kind: 'bool', value });

function check(name: string, value: PyValue | { kind: 'cli'; text: string }) {
  const setting = settingNamed(name);
  assert.ok(setting, name);
  return validateSettingValue(setting, value);
}

function ok(name: string, ...values: (PyValue | { kind: 'cli'; text: string })[]) {
  for (const value of values) assert.equal(check(name, value), undefined, `${name} = ${JSON.stringify(value)} should pass`);
}

function bad(name: string, ...values: (PyValue | { kind: 'cli'; text: string })[]) {
  for (const value of values) assert.ok(check(name, value), `${name} = ${JSON.stringify(value)} should fail`);
}

test('bool', () => {
  ok('preload_app', bool(true), str('TRUE'), str(' false '), none);
  bad('preload_app', int(1), str('yes'), list());
});

test('pos_int: ints, bools, int(x, 0) strings; negatives rejected', () => {
  ok('workers', int(0), int(4), bool(true), str('0x10'), str(' 8 '), str('1_000'), { kind: 'cli', text: '0o22' });
  bad('workers', int(-1), str('-3'), str('08'), str('four'), { kind: 'float', value: 2.5 }, none, { kind: 'cli', text: 'x' });
  assert.equal(pythonIntBase0('0b101'), 5);
  assert.equal(pythonIntBase0('007'), undefined);
  assert.equal(pythonIntBase0('000'), 0);
});

test('string: str or None; a number is rejected', () => {
  ok('proc_name', str('app'), none);
  bad('proc_name', int(5), list(str('a')));
});

test('loglevel outside the known levels is a warning', () => {
  ok('loglevel', str('DEBUG'), str('warning'));
  const problem = check('loglevel', str('verbose'));
  assert.equal(problem?.severity, 'warning');
  assert.equal(check('loglevel', int(10))?.severity, undefined);
});

test('list of strings and bind addresses', () => {
  ok('bind', str('127.0.0.1:8000'), list(str('unix:/run/app.sock'), str('[::1]:8000'), str('fd://3'), str('localhost')), none);
  bad('bind', int(8000), str('0.0.0.0:http'), str('unix:'), str('host:'), str('[::1:80'), str('1.2.3.4:70000'), list(str('ok:1'), int(3)));
  ok('raw_env', list(str('A=1')), str('A=1'), str('A='), { kind: 'cli', text: 'B=2' });
  bad('raw_env', list(str('A')), { kind: 'cli', text: 'DEBUG' });
});

test('dict, class, enum', () => {
  ok('secure_scheme_headers', { kind: 'dict', entries: [] });
  bad('secure_scheme_headers', list(), none);
  ok('worker_class', str('gevent'), str('my.Worker'));
  bad('worker_class', int(1));
  ok('reload_engine', str('inotify'));
  bad('reload_engine', str('watchdog'), int(1));
  ok('proxy_protocol', bool(true), str('v2'));
  assert.ok(validateSettingValue(settingNamed('proxy_protocol')!, str('v2'), '23.0.0'), 'a bool before 24.1.0');
  ok('http_protocols', str('h2,h1'));
  bad('http_protocols', str('h1,h1'), str('h4'));
});

test('callable: a non-callable literal is rejected', () => {
  const problem = check('post_fork', int(5));
  assert.match(problem?.message ?? '', /Value is not callable/);
  bad('post_fork', str('x'), none);
  ok('post_fork', str('hooks.post_fork'), { kind: 'function', params: [] });
});

test('addr_list: IPs, networks with zero host bits, or *', () => {
  ok('forwarded_allow_ips', str('*'), str('127.0.0.1,::1'), str('10.0.0.0/8, 192.168.1.0/24'), str('2001:db8::/32'), none);
  bad('forwarded_allow_ips', str('10.0.0.1/8'), str('example.com'), str('300.1.1.1'), str('2001:db8::1/32'), int(1));
  // Observed with gunicorn 20.1.0: a list is "Not a string"; entries were not checked as addresses before 23.0.
  assert.match(check('forwarded_allow_ips', list(str('10.0.0.0/8')))?.message ?? '', /not a list/);
  const setting = settingNamed('forwarded_allow_ips')!;
  assert.equal(validateSettingValue(setting, str('10.0.0.1/8'), '20.1.0'), undefined);
  assert.ok(validateSettingValue(setting, str('10.0.0.1/8'), '23.0.0'));
  assert.ok(validateSettingValue(setting, list(str('10.0.0.0/8')), '20.1.0'));
});

test('statsd host', () => {
  ok('statsd_host', str('localhost:8125'), str('unix:///tmp/s.sock'), str('statsd'));
  bad('statsd_host', str('localhost:abc'), int(8125));
});

test('env, unknown and function values are never invalid', () => {
  const kinds: PyValue[] = [
    { kind: 'env', variable: 'X' },
    { kind: 'unknown', text: 'f()', calls: ['f'] },
    { kind: 'function', params: [] },
  ];
  for (const value of kinds) for (const name of ['workers', 'bind', 'post_fork', 'preload_app']) assert.equal(check(name, value), undefined);
});
