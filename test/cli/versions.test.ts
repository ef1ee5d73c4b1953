/**
 * Version settings outside what the knowledge tables cover: the CLI refuses them (exit 2, with the range), the
 * language server's settings reader clamps them to the nearest known version and says so.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { parseClientSettings } from '../../server/src/lsp/clientSettings';
import { VERSION_RANGES, checkVersionRange } from '../../server/src/service/versionRanges';
import { KNOWN_GUNICORN_RELEASES, NEWEST_GUNICORN } from '../../server/src/knowledge/gunicorn/versions';
import { NGINX_NEWEST_VERSION } from '../../server/src/knowledge/nginx/directives.generated';
import { repoRoot } from '../support/repo';

const cli = path.join(repoRoot(), 'dist', 'cli.js');

test('the ranges are the versions the knowledge tables hold', () => {
  assert.deepEqual(VERSION_RANGES.gunicorn, { oldest: KNOWN_GUNICORN_RELEASES[0], newest: NEWEST_GUNICORN.split('.').slice(0, 2).join('.') });
  assert.deepEqual(VERSION_RANGES.nginx, { oldest: '1.22', newest: NGINX_NEWEST_VERSION });
  assert.deepEqual(VERSION_RANGES.systemd, { oldest: '252', newest: '257' });
});

test('inside: the bounds, patch releases of the newest, everything between', () => {
  for (const [program, version] of [
    ['gunicorn', '19.0'],
    ['gunicorn', '23.0.0'],
    ['gunicorn', NEWEST_GUNICORN.replace(/\.\d+$/, '.9')],
    ['nginx', '1.22.1'],
    ['nginx', '1.26'],
    ['nginx', `${NGINX_NEWEST_VERSION}.9`],
    ['systemd', '252'],
    ['systemd', '255.4'],
    ['systemd', '257'],
  ] as const) {
    assert.equal(checkVersionRange(program, version).inside, true, `${program} ${version}`);
  }
});

test('outside: refused by the CLI with the range', () => {
  for (const [flag, version, range] of [
    ['--nginx-version', '1.10', '1.22 to 1.31'],
    ['--nginx-version', '2.0', '1.22 to 1.31'],
    ['--systemd-version', '100', '252 to 257'],
    ['--systemd-version', '300', '252 to 257'],
    ['--gunicorn-version', '99.0', '19.0 to 26.1'],
    ['--gunicorn-version', '18.0', '19.0 to 26.1'],
  ]) {
    assert.throws(
      () => parseArgs([flag, version]),
      (error: unknown) => error instanceof UsageError && error.message.includes(version) && error.message.includes(range),
      `${flag} ${version}`,
    );
  }
  assert.equal(parseArgs(['--nginx-version', '1.24']).nginxVersion, '1.24');
  assert.equal(parseArgs(['--systemd-version=257']).systemdVersion, '257');
});

test('the CLI exits 2 with the range on stderr for an out-of-range version, and lints with one inside', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-versions-'));
  try {
    fs.writeFileSync(path.join(dir, 'gunicorn.conf.py'), 'workers = 2\n');
    const refused = spawnSync(process.execPath, [cli, dir, '--nginx-version', '1.10'], { encoding: 'utf8' });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--nginx-version 1\.10 is outside the nginx versions gunicorn-lint knows: 1\.22 to 1\.31/);
    assert.equal(refused.stdout, '');
    const accepted = spawnSync(process.execPath, [cli, dir, '--nginx-version', '1.22', '--systemd-version', '252', '--gunicorn-version', '23.0'], {
      encoding: 'utf8',
    });
    assert.equal(accepted.status, 0, accepted.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the server clamps an out-of-range setting to the nearest known version and warns', () => {
  const warnings: string[] = [];
  const settings = parseClientSettings({ nginxVersion: '1.10', systemdVersion: 100, gunicornVersion: '99.0' }, (message) => warnings.push(message));
  assert.equal(settings.nginxVersion, '1.22');
  assert.equal(settings.systemdVersion, '252');
  assert.equal(settings.gunicornVersion, '26.1');
  assert.equal(warnings.length, 3);
  assert.match(warnings.join('\n'), /gunicornLint\.nginxVersion: nginx 1\.10 is outside the versions this linter knows \(1\.22 to 1\.31\); using 1\.22\./);
  assert.match(warnings.join('\n'), /gunicornLint\.systemdVersion: systemd 100 .*using 252\./);
  const quiet: string[] = [];
  const inside = parseClientSettings({ nginxVersion: '1.24', systemdVersion: '257', gunicornVersion: '' }, (message) => quiet.push(message));
  assert.deepEqual([inside.nginxVersion, inside.systemdVersion, inside.gunicornVersion, quiet], ['1.24', '257', undefined, []]);
});
