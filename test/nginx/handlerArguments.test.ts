/**
 * The readers behind nginx/invalid-arguments' handler checks, one by one. Agreement with nginx itself is proven by
 * the oracle test over test/nginx/oracle-cases.json; these pin the edge cases and the fuzz keeps them from throwing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAddress } from '../../server/src/formats/nginx/addresses';
import { parenthesisProblem } from '../../server/src/formats/nginx/regexParentheses';
import { isTime } from '../../server/src/formats/nginx/values';
import { folderProject, lint } from './project';

test('times as ngx_parse_time reads them', () => {
  for (const ok of ['30s', '1h30m', '1h 30m', '1h  30m', '1h ', '90', '1h5', '0', '1d1h', '1w1d', '500ms', '1m1ms']) assert.ok(isTime(ok), ok);
  for (const bad of ['1h1d', '30s 1m', '1 h', ' 1h', '5 1h', '500ms1s', '1y', '1M', '', 'soon', '1x', '99999999999999999999']) assert.ok(!isTime(bad), bad);
  // Settings counted in seconds take years and months but no milliseconds.
  assert.ok(isTime('1y', true) && isTime('1M', true));
  assert.ok(!isTime('10ms', true) && !isTime('1m1ms', true));
});

test('addresses as ngx_parse_url splits them', () => {
  const key = (text: string, listen: boolean) => parseAddress(text, listen).address?.text;
  assert.equal(key('8080', true), '0.0.0.0:8080');
  assert.equal(key('*:80', true), '0.0.0.0:80');
  assert.equal(key('127.0.0.1', true), '127.0.0.1:80');
  assert.equal(key('127.000.0.1:0080', true), '127.0.0.1:80');
  assert.equal(key('[0::1]:8000', false), '[::1]:8000');
  assert.equal(key('unix:/run/gunicorn.sock', false), 'unix:/run/gunicorn.sock');
  assert.deepEqual(parseAddress('localhost:8000', false), {});
  assert.equal(parseAddress('0', true).problem, 'invalid port');
  assert.equal(parseAddress('65536', true).problem, 'invalid port');
  assert.equal(parseAddress('127.0.0.1:', false).problem, 'invalid port');
  assert.equal(parseAddress(':80', true).problem, 'no host');
  assert.equal(parseAddress('[::1:80', true).problem, 'invalid host');
  assert.equal(parseAddress('256.0.0.1:80', true).problem, 'host not found');
  // A bare number is a host name outside `listen`; nginx resolves it, we do not judge it.
  assert.deepEqual(parseAddress('8000', false), {});
});

test('regex parentheses, skipping escapes, classes and \\Q..\\E', () => {
  for (const ok of ['^/(a|b)$', '^/a\\(b', '[(]', '[)]', '[]()]', '[^](]', '[[:alpha:](]', '^/a\\Q(\\E', '(?<name>x)', '(?i)^/x', '(?x) ( # ) comment\n)']) {
    assert.equal(parenthesisProblem(ok), undefined, ok);
  }
  assert.equal(parenthesisProblem('^/(a'), 'missing closing parenthesis');
  assert.equal(parenthesisProblem('^/a)'), 'unmatched closing parenthesis');
  assert.equal(parenthesisProblem('^(www\\.)?(.+$'), 'missing closing parenthesis');
});

test('fuzz: the handler checks never throw on any arguments', () => {
  const names = [
    'listen',
    'server',
    'return',
    'error_page',
    'allow',
    'deny',
    'proxy_pass',
    'keepalive_timeout',
    'proxy_buffers',
    'expires',
    'limit_rate',
    'open_file_cache',
    'proxy_cache_valid',
    'add_header',
    'proxy_redirect',
    'proxy_ignore_headers',
    'ssl_session_cache',
    'location',
    'rewrite',
    'server_name',
    'if',
  ];
  const word = fc.stringMatching(/^[a-z0-9:=@~*^$.\/()\[\]\\?-]{0,12}$/).filter((w) => w !== '' && !/[;{}#'"\s]/.test(w));
  const project = folderProject(path.join(os.tmpdir(), 'no-such-nginx-project'));
  fc.assert(
    fc.property(fc.constantFrom(...names), fc.array(word, { maxLength: 4 }), fc.boolean(), (name, args, asBlock) => {
      const statement = `${name} ${args.join(' ')}${asBlock ? ' { }' : ';'}`;
      const wrapped =
        name === 'server' ? `upstream u {\n    ${statement}\n}\n` : `server {\n    listen 8080;\n    location / {\n        ${statement}\n    }\n}\n`;
      for (const text of [statement + '\n', wrapped]) {
        const { findings } = lint(project, path.join(os.tmpdir(), 'sites-available', 'fuzz.conf'), text);
        for (const finding of findings) assert.ok(finding.range.start >= 0 && finding.range.end <= text.length);
      }
    }),
    { numRuns: 400 },
  );
});
