import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { directiveTable, findDirective, knownVersion } from '../../server/src/knowledge/systemd';
import { referenceDir } from '../support/repo';

const GUNICORN_KEYS: [string, string][] = [
  ['Service', 'Type'],
  ['Service', 'ExecStart'],
  ['Service', 'ExecReload'],
  ['Service', 'KillMode'],
  ['Service', 'KillSignal'],
  ['Service', 'TimeoutStopSec'],
  ['Service', 'TimeoutStartSec'],
  ['Service', 'Restart'],
  ['Service', 'RestartSec'],
  ['Service', 'User'],
  ['Service', 'Group'],
  ['Service', 'WorkingDirectory'],
  ['Service', 'Environment'],
  ['Service', 'EnvironmentFile'],
  ['Service', 'RuntimeDirectory'],
  ['Service', 'LimitNOFILE'],
  ['Service', 'PrivateTmp'],
  ['Service', 'ProtectSystem'],
  ['Service', 'NoNewPrivileges'],
  ['Service', 'NotifyAccess'],
  ['Unit', 'Requires'],
  ['Unit', 'After'],
  ['Unit', 'Wants'],
  ['Install', 'WantedBy'],
  ['Socket', 'ListenStream'],
  ['Socket', 'SocketUser'],
  ['Socket', 'SocketGroup'],
  ['Socket', 'SocketMode'],
  ['Socket', 'Accept'],
  ['Socket', 'Service'],
];

test('every directive of the reference is known, for 257 and for 252', (t) => {
  const file = path.join(referenceDir(), 'systemd-directives.json');
  if (!fs.existsSync(file)) {
    t.skip(`reference data not found at ${file}`);
    return;
  }
  interface DirectiveItem {
    section: string;
    name: string;
  }
  const reference = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    items: DirectiveItem[];
    systemd_252_debian: { items: DirectiveItem[] };
    added_after_252: string[];
  };
  const newest = directiveTable('257');
  for (const item of reference.items) assert.ok(newest.get(item.section)?.has(item.name), `257 lacks ${item.section}.${item.name}`);
  const old = directiveTable('252');
  for (const item of reference.systemd_252_debian.items) assert.ok(old.get(item.section)?.has(item.name), `252 lacks ${item.section}.${item.name}`);
  const count = (table: ReturnType<typeof directiveTable>) => [...table.values()].reduce((n, m) => n + m.size, 0);
  assert.equal(count(newest), reference.items.length);
  assert.equal(count(old), reference.systemd_252_debian.items.length);
  for (const key of reference.added_after_252) {
    const [section, name] = key.split('.');
    assert.equal(old.get(section)?.has(name), false, `${key} should not be in 252`);
  }
});

test('value kinds and version differences', () => {
  assert.equal(findDirective('Service', 'PrivateTmp', '252')?.kind, 'boolean');
  assert.equal(findDirective('Service', 'PrivateTmp', '257')?.kind, 'enum');
  assert.ok(findDirective('Service', 'Type', '257')?.values?.includes('notify-reload'));
  assert.ok(!findDirective('Service', 'Type', '252')?.values?.includes('notify-reload'));
  assert.equal(findDirective('Service', 'TimeoutStopSec')?.kind, 'timespan');
  assert.equal(findDirective('Service', 'LimitNOFILE')?.kind, 'limit');
  assert.equal(findDirective('Service', 'KillSignal')?.kind, 'signal');
  assert.equal(findDirective('Service', 'ExecStart')?.kind, 'command');
  assert.equal(findDirective('Service', 'Environment')?.kind, 'environment');
  assert.equal(findDirective('Unit', 'Requires')?.kind, 'list');
  assert.equal(findDirective('Service', 'RestartSteps', '252'), undefined);
  assert.equal(findDirective('Service', 'RestartSteps', '257')?.since, '253');
  assert.equal(knownVersion(undefined), '257');
  assert.equal(knownVersion('252'), '252');
  assert.equal(knownVersion('255'), '252');
  assert.equal(knownVersion('260'), '257');
});

test('man page anchors point at the page that documents the key', () => {
  assert.equal(findDirective('Service', 'ExecStart')?.url, 'https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html#ExecStart=');
  assert.match(findDirective('Service', 'User')?.url ?? '', /systemd\.exec\.html#User=$/);
  assert.match(findDirective('Service', 'KillMode')?.url ?? '', /systemd\.kill\.html#KillMode=$/);
  assert.match(findDirective('Service', 'MemoryMax')?.url ?? '', /systemd\.resource-control\.html#MemoryMax=$/);
  assert.match(findDirective('Socket', 'ListenStream')?.url ?? '', /systemd\.socket\.html#ListenStream=$/);
  assert.match(findDirective('Install', 'WantedBy')?.url ?? '', /systemd\.unit\.html#WantedBy=$/);
});

test('the keys a gunicorn service and socket use are documented in our words', () => {
  for (const [section, name] of GUNICORN_KEYS) {
    const directive = findDirective(section, name);
    assert.ok(directive, `${section}.${name} missing`);
    assert.ok(directive.summary && directive.summary.length > 10, `${section}.${name} has no summary`);
    assert.ok(directive.docs && directive.docs.length > 10, `${section}.${name} has no docs`);
  }
});
