/**
 * The deploy/ checks (and the three checks moved onto the model) on hand-built models. Each model is built from
 * real file texts by the small readers below, so a place in the model is a place in a text: a fix is applied to
 * that text, the edited file goes to the program that would read it (nginx -t, systemd-analyze verify,
 * python3 -m py_compile), and the model read again from the edited text is checked again.
 */
import { skipMissingOracle } from '../support/oracles';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { applyEdits, type Fix } from '../../server/src/core/findings';
import type { Project } from '../../server/src/core/format';
import { withDefaults } from '../../server/src/core/settings';
import { gunicornBindEndpoint, isLoopbackHost, nginxEndpoint, proxyPassAddress, reaches, serves } from '../../server/src/deployment/addresses';
import { mergeAssignments } from '../../server/src/deployment/effective';
import { knownBinds } from '../../server/src/deployment/knownBinds';
import type {
  DeploymentModel,
  EffectiveSetting,
  HostKind,
  Invocation,
  NginxProxy,
  Place,
  SettingAssignment,
  SettingValue,
  SocketUnit,
  Sourced,
  Supervisor,
} from '../../server/src/deployment/model';
import type { DeploymentFinding, DeploymentRule } from '../../server/src/deployment/rule';
import { DEPLOYMENT_RULES } from '../../server/src/deployment/rules/index';
import { rule as bindMismatch } from '../../server/src/deployment/rules/bind-mismatch';
import { rule as configNotFound } from '../../server/src/deployment/rules/config-not-found';
import { rule as forwardedAllowAll } from '../../server/src/deployment/rules/forwarded-allow-all';
import { rule as nofileLimit } from '../../server/src/deployment/rules/nofile-limit';
import { rule as preloadReload } from '../../server/src/deployment/rules/preload-reload';
import { rule as privateTmpSocket } from '../../server/src/deployment/rules/private-tmp-socket';
import { rule as proxyTimeout } from '../../server/src/deployment/rules/proxy-timeout';
import { rule as publicBind } from '../../server/src/deployment/rules/public-bind';
import { rule as runtimeDirectory } from '../../server/src/deployment/rules/runtime-directory';
import { rule as socketPermissions } from '../../server/src/deployment/rules/socket-permissions';
import { rule as stopTimeout } from '../../server/src/deployment/rules/stop-timeout';
import { rule as uploadLimits } from '../../server/src/deployment/rules/upload-limits';
import { mayConnect, parseUmask } from '../../server/src/deployment/socketMode';
import type { NginxDirective } from '../../server/src/formats/nginx/model';
import { parseNginx, walkDirectives } from '../../server/src/formats/nginx/parser';
import { parseUnit } from '../../server/src/formats/systemd/parser';
import { parseTimeSpan } from '../../server/src/formats/systemd/values';
import { ROOT, invocation as bareInvocation, tcpEndpoint, unixEndpoint } from '../support/deploymentModel';

const UNIT = `${ROOT}/deploy/myapp.service`;
const SOCKET = `${ROOT}/deploy/myapp.socket`;
const CONF = `${ROOT}/gunicorn.conf.py`;
const SITE = `${ROOT}/deploy/nginx/sites-available/myapp.conf`;

// --- texts -------------------------------------------------------------------------------------------------------

function unitText(service: string, execArgs = '-c /srv/myapp/gunicorn.conf.py'): string {
  return `[Unit]
Description=Gunicorn for myapp
After=network.target

[Service]
Type=notify
User=www-data
Group=www-data
WorkingDirectory=/srv/myapp
ExecStart=/srv/myapp/.venv/bin/gunicorn ${execArgs} myapp.wsgi:application
ExecReload=/bin/kill -s HUP $MAINPID
KillMode=mixed
${service}
[Install]
WantedBy=multi-user.target
`;
}

function siteText(server: string, location = ''): string {
  return `upstream myapp {
    server ${server};
}

server {
    listen 80;
    server_name example.com;

    location / {
        proxy_set_header Host $host;
        proxy_pass http://myapp;
${location}    }
}
`;
}

// --- readers: texts to model facts ---------------------------------------------------------------------------------

const FLAGS: Record<string, string> = {
  '-b': 'bind',
  '--bind': 'bind',
  '-w': 'workers',
  '--workers': 'workers',
  '-k': 'worker_class',
  '--worker-class': 'worker_class',
  '-t': 'timeout',
  '--timeout': 'timeout',
  '--graceful-timeout': 'graceful_timeout',
  '-m': 'umask',
  '--umask': 'umask',
  '--threads': 'threads',
  '--worker-connections': 'worker_connections',
  '-p': 'pidfile',
  '--pid': 'pidfile',
  '--forwarded-allow-ips': 'forwarded_allow_ips',
  '-c': 'config',
  '--config': 'config',
  '-u': 'user',
  '--user': 'user',
};
const NUMBERS = new Set(['workers', 'timeout', 'graceful_timeout', 'threads', 'worker_connections']);

/** `name = literal` lines of a config: strings, numbers (0o octal too), booleans, lists of strings; else unknown. */
function configSettings(text: string, file = CONF): Map<string, SettingAssignment> {
  const out = new Map<string, SettingAssignment>();
  let offset = 0;
  for (const line of text.split('\n')) {
    const match = /^(\w+) = (.+)$/.exec(line);
    if (match) {
      const start = offset + match[1].length + 3;
      const raw = match[2];
      let value: SettingValue = { known: false, text: raw };
      if (/^"[^"]*"$/.test(raw)) value = { known: true, value: raw.slice(1, -1) };
      else if (/^\d+$/.test(raw)) value = { known: true, value: Number(raw) };
      else if (/^0o[0-7]+$/.test(raw)) value = { known: true, value: parseInt(raw.slice(2), 8) };
      else if (raw === 'True' || raw === 'False') value = { known: true, value: raw === 'True' };
      else if (/^\[("[^"]*"(, )?)*\]$/.test(raw)) value = { known: true, value: [...raw.matchAll(/"([^"]*)"/g)].map((m) => m[1]) };
      out.set(match[1], {
        source: 'config',
        value,
        place: { path: file, range: { start, end: start + raw.length } },
        statement: { path: file, range: { start: offset, end: offset + line.length } },
      });
    }
    offset += line.length + 1;
  }
  return out;
}

/** The flags of the ExecStart= line (words split on spaces, `'*'` unquoted). */
function commandSettings(text: string, file = UNIT): Map<string, SettingAssignment> {
  const out = new Map<string, SettingAssignment>();
  const lineStart = text.indexOf('ExecStart=');
  const line = text.slice(lineStart, text.indexOf('\n', lineStart));
  const words = [...line.matchAll(/\S+/g)];
  for (let i = 0; i < words.length; i++) {
    const name = FLAGS[words[i][0]];
    if (!name) continue;
    if (name === 'config') continue;
    const word = words[++i];
    const raw = word[0].replace(/^'(.*)'$/, '$1');
    const value: SettingValue =
      NUMBERS.has(name) && /^\d+$/.test(raw) ? { known: true, value: Number(raw) } : { known: true, value: name === 'bind' ? [raw] : raw };
    const start = lineStart + word.index;
    out.set(name, { source: 'command-line', value, place: { path: file, range: { start, end: start + word[0].length } }, flag: words[i - 1][0] });
  }
  return out;
}

function sourced(text: string, file: string, entry: { value: string; valueRange: { start: number; end: number } }): Sourced<string> {
  return { value: entry.value, place: { path: file, range: entry.valueRange } };
}

/** What build.ts takes from a service unit, read with the real unit parser. */
function supervisorFrom(text: string, file = UNIT): Supervisor {
  const doc = parseUnit(text, file);
  const service = doc.entries.filter((e) => e.section === 'Service');
  const exec = service.find((e) => e.key === 'ExecStart')!;
  const supervisor: Supervisor = { kind: 'systemd', path: file, name: path.basename(file), command: { path: file, range: exec.range } };
  const stop = service.filter((e) => e.key === 'TimeoutStopSec' || e.key === 'TimeoutSec').pop();
  supervisor.stopTimeout = stop
    ? { seconds: parseTimeSpan(stop.value)!, place: { path: file, range: stop.valueRange }, setting: stop.key }
    : { seconds: 90, setting: 'TimeoutStopSec' };
  const privateTmp = service.filter((e) => e.key === 'PrivateTmp').pop();
  if (privateTmp && /^(1|yes|true|on)$/i.test(privateTmp.value)) supervisor.privateTmp = { path: file, range: privateTmp.valueRange };
  const user = service.filter((e) => e.key === 'User').pop();
  if (user) supervisor.user = sourced(text, file, user);
  const reload = service.find((e) => e.key === 'ExecReload' && /HUP/.test(e.value));
  if (reload) supervisor.reloadsWithHup = { path: file, range: reload.valueRange };
  supervisor.runtimeDirectories = service
    .filter((e) => e.key === 'RuntimeDirectory')
    .flatMap((e) =>
      e.value
        .split(/\s+/)
        .filter(Boolean)
        .map((value) => ({ value, place: { path: file, range: e.valueRange } })),
    );
  const nofile = service.filter((e) => e.key === 'LimitNOFILE').pop();
  if (nofile) supervisor.limitNofile = sourced(text, file, nofile);
  return supervisor;
}

function socketUnitFrom(text: string, file = SOCKET): SocketUnit {
  const doc = parseUnit(text, file);
  const entries = doc.entries.filter((e) => e.section === 'Socket');
  const unit: SocketUnit = { path: file, name: path.basename(file), listen: [] };
  for (const e of entries) {
    if (e.key === 'ListenStream')
      unit.listen.push({
        endpoint: e.value.startsWith('/') ? unixEndpoint(e.value) : tcpEndpoint('0.0.0.0', Number(e.value)),
        place: { path: file, range: e.valueRange },
        via: 'systemd-socket',
      });
    if (e.key === 'SocketMode') unit.socketMode = sourced(text, file, e);
    if (e.key === 'SocketUser') unit.socketUser = sourced(text, file, e);
  }
  return unit;
}

function seconds(value: string): number {
  const match = /^(\d+)(s|m)?$/.exec(value)!;
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

function bytes(value: string): number {
  const match = /^(\d+)([kmg]?)$/i.exec(value)!;
  return Number(match[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[match[2].toLowerCase()];
}

/** The nearest `name` in the proxy_pass's block or the blocks around it. */
function inherited(pass: NginxDirective, top: readonly NginxDirective[], name: string): NginxDirective | undefined {
  for (let parent = pass.parent; ; parent = parent.parent) {
    const found = (parent ? (parent.block?.children ?? []) : top).find((d) => d.name === name);
    if (found || !parent) return found;
  }
}

/** What build.ts takes from an nginx file: each proxy_pass, its upstream's servers, its effective limits. */
function proxiesFrom(text: string, file = SITE, nginxUser?: string): NginxProxy[] {
  const doc = parseNginx(text, file);
  const upstreams = new Map<string, NginxDirective>();
  for (const d of walkDirectives(doc.directives)) if (d.name === 'upstream' && d.args[0]) upstreams.set(d.args[0].value, d);
  const proxies: NginxProxy[] = [];
  const place = (d: { range: { start: number; end: number } }): Place => ({ path: file, range: { start: d.range.start, end: d.range.end } });
  for (const pass of walkDirectives(doc.directives)) {
    if (pass.name !== 'proxy_pass') continue;
    const arg = pass.args[0];
    const proxy: NginxProxy = { place: place(arg), target: arg.value, endpoints: [] };
    const address = proxyPassAddress(arg.value)!.address;
    const upstream = upstreams.get(address);
    for (const server of upstream ? upstream.block!.children.filter((c) => c.name === 'server') : []) {
      proxy.endpoints.push({ value: nginxEndpoint(server.args[0].value)!, place: place(server.args[0]) });
    }
    if (!upstream) proxy.endpoints.push({ value: nginxEndpoint(address)!, place: proxy.place });
    const timeout = inherited(pass, doc.directives, 'proxy_read_timeout');
    if (timeout)
      proxy.readTimeout = { value: seconds(timeout.args[0].value), place: { path: file, range: { start: timeout.range.start, end: timeout.terminatorEnd } } };
    const size = inherited(pass, doc.directives, 'client_max_body_size');
    if (size)
      proxy.clientMaxBodySize = { value: bytes(size.args[0].value), place: { path: file, range: { start: size.range.start, end: size.terminatorEnd } } };
    const buffering = inherited(pass, doc.directives, 'proxy_request_buffering');
    if (buffering)
      proxy.requestBuffering = {
        value: buffering.args[0].value !== 'off',
        place: { path: file, range: { start: buffering.range.start, end: buffering.terminatorEnd } },
      };
    if (nginxUser) proxy.nginxUser = { value: nginxUser, place: { path: `${ROOT}/deploy/nginx/nginx.conf`, range: { start: 0, end: 15 } } };
    proxies.push(proxy);
  }
  return proxies;
}

interface World {
  unit?: string;
  conf?: string;
  site?: string;
  socket?: string;
  nginxUser?: string;
  host?: HostKind;
  /** Changes to the invocation after it is read (working directory, config facts). */
  adjust?: (invocation: Invocation) => void;
}

function settingsOf(world: World): Map<string, EffectiveSetting> {
  const byName = new Map<string, SettingAssignment[]>();
  const add = (map: Map<string, SettingAssignment>) => {
    for (const [name, assignment] of map) (byName.get(name) ?? byName.set(name, []).get(name)!).push(assignment);
  };
  if (world.conf !== undefined) add(configSettings(world.conf));
  if (world.unit !== undefined) add(commandSettings(world.unit));
  const out = new Map<string, EffectiveSetting>();
  for (const [name, list] of byName) out.set(name, mergeAssignments(name, list)!);
  return out;
}

/** The model of a world: one invocation (from the unit, else the config alone), its socket unit, nginx's proxies. */
function modelOf(world: World): DeploymentModel {
  const settings = settingsOf(world);
  const host: HostKind = world.host ?? (world.unit !== undefined ? 'systemd' : 'config');
  const supervisor = world.unit !== undefined ? supervisorFrom(world.unit) : undefined;
  const socketUnits = world.socket !== undefined ? [socketUnitFrom(world.socket)] : [];
  const inv = bareInvocation({
    host,
    hostPath: world.unit !== undefined ? UNIT : CONF,
    command: supervisor?.command ?? { path: CONF, range: { start: 0, end: 0 } },
    settings,
    socketUnits,
    ...(supervisor ? { supervisor } : {}),
    ...(world.conf !== undefined ? { config: { path: CONF } } : {}),
  });
  const dashC = world.unit !== undefined ? / -c (\S+)/.exec(world.unit) : null;
  if (dashC) {
    const start = dashC.index + 4;
    inv.config = { ...inv.config, written: { value: dashC[1], place: { path: UNIT, range: { start, end: start + dashC[1].length } } } };
  }
  const bind = settings.get('bind');
  const handed = socketUnits.flatMap((u) => u.listen);
  if (handed.length > 0) inv.binds = handed;
  else {
    const list = bind ? (bind.value.known ? (Array.isArray(bind.value.value) ? bind.value.value : [String(bind.value.value)]) : []) : ['127.0.0.1:8000'];
    inv.binds = list.flatMap((text) => {
      const endpoint = gunicornBindEndpoint(text);
      return endpoint ? [{ endpoint, place: bind?.place ?? inv.command, via: 'gunicorn' as const }] : [];
    });
  }
  world.adjust?.(inv);
  const proxies = world.site !== undefined ? proxiesFrom(world.site, SITE, world.nginxUser) : [];
  return {
    root: ROOT,
    invocations: [inv],
    proxies,
    socketUnits,
    deployments: [{ invocation: inv, proxies: proxies.filter((p) => p.endpoints.some((e) => inv.binds.some((b) => reaches(e.value, b.endpoint)))) }],
    dependencies: new Map(),
  };
}

// --- running checks and fixes ------------------------------------------------------------------------------------

function filesOf(world: World): Map<string, string> {
  const files = new Map<string, string>();
  if (world.unit !== undefined) files.set(UNIT, world.unit);
  if (world.conf !== undefined) files.set(CONF, world.conf);
  if (world.site !== undefined) files.set(SITE, world.site);
  if (world.socket !== undefined) files.set(SOCKET, world.socket);
  return files;
}

function projectOf(files: Map<string, string>): Project {
  const paths = [...files.keys()].sort();
  return {
    root: ROOT,
    settings: withDefaults({}),
    readFile: (p) => files.get(p),
    exists: (p) => files.has(p),
    isDirectory: (p) => paths.some((f) => f.startsWith(`${p}/`)),
    listDirectory: () => [],
    workspaceFiles: () => paths,
    parsed: () => undefined,
  };
}

function run(rule: DeploymentRule, world: World): DeploymentFinding[] {
  return rule.check(modelOf(world));
}

/** `rule@text` for each finding, the text being what its range covers in its file. */
function found(rule: DeploymentRule, world: World): string[] {
  const files = filesOf(world);
  return run(rule, world).map((f) => `${path.basename(f.path)}@${files.get(f.path)?.slice(f.range.start, f.range.end) ?? `${f.range.start}`}`);
}

/** The world after the first fix of the only finding. */
function fixed(rule: DeploymentRule, world: World): { world: World; fix: Fix } {
  const model = modelOf(world);
  const findings = rule.check(model);
  assert.equal(findings.length, 1, `one finding expected: ${findings.map((f) => f.message).join('; ')}`);
  const files = filesOf(world);
  const fixes = rule.fixes!(findings[0], { model, project: projectOf(files) });
  assert.ok(fixes.length > 0, 'a fix is offered');
  const fix = fixes[0];
  const byPath = new Map<string, typeof fix.edits>();
  for (const edit of fix.edits) (byPath.get(edit.path!) ?? byPath.set(edit.path!, []).get(edit.path!)!).push(edit);
  const next: World = { ...world };
  for (const [file, edits] of byPath) {
    const text = applyEdits(files.get(file)!, edits);
    if (file === UNIT) next.unit = text;
    else if (file === CONF) next.conf = text;
    else if (file === SITE) next.site = text;
    else assert.fail(`unexpected edit of ${file}`);
  }
  return { world: next, fix };
}

// --- oracles -------------------------------------------------------------------------------------------------------

function available(program: string, args: string[]): boolean {
  try {
    execFileSync(program, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether an oracle can run; without it the check is skipped, unless CI demands every oracle. */
function oracle(t: TestContext, program: string, args: string[]): boolean {
  if (available(program, args)) return true;
  skipMissingOracle(t, `${program} not installed`);
  return false;
}

function withTemp<T>(run: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-rules-'));
  try {
    return run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** nginx -t on a site fragment included from a minimal main config. */
function assertNginxAccepts(t: TestContext, site: string): void {
  if (!oracle(t, 'nginx', ['-v'])) return;
  withTemp((dir) => {
    fs.writeFileSync(path.join(dir, 'site.conf'), site);
    fs.writeFileSync(path.join(dir, 'nginx.conf'), `events {}\nhttp {\n    include ${dir}/site.conf;\n}\n`);
    const result = spawnSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', `pid ${dir}/nginx.pid; error_log ${dir}/error.log;`], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(result.status, 0, `nginx -t refuses the fixed file:\n${result.stderr}\n${site}`);
  });
}

/** systemd-analyze verify on a unit, its programs replaced by stubs; no line of the unit may draw a warning. */
function assertSystemdAccepts(t: TestContext, unit: string): void {
  if (!oracle(t, 'systemd-analyze', ['--version'])) return;
  withTemp((dir) => {
    const stub = path.join(dir, 'stub');
    fs.writeFileSync(stub, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const file = path.join(dir, 'myapp.service');
    fs.writeFileSync(
      file,
      unit.replace(/^(Exec[A-Za-z]*=[-@:+!]*)(\/\S+)/gm, (all, head: string, program: string) => (fs.existsSync(program) ? all : head + stub)),
    );
    const result = spawnSync('systemd-analyze', ['verify', '--man=no', '--recursive-errors=no', file], { encoding: 'utf8', timeout: 30_000 });
    const warnings = `${result.stdout}\n${result.stderr}`
      .split('\n')
      .filter((line) => line.startsWith(`${file}:`) && !/Special user|is not executable/.test(line));
    assert.deepEqual(warnings, [], `systemd-analyze warns about the fixed unit:\n${unit}`);
  });
}

function assertPythonCompiles(t: TestContext, source: string): void {
  if (!oracle(t, 'python3', ['--version'])) return;
  withTemp((dir) => {
    const file = path.join(dir, 'gunicorn.conf.py');
    fs.writeFileSync(file, source);
    const result = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, `python3 cannot compile the fixed config:\n${result.stderr}`);
  });
}

// --- the checks ----------------------------------------------------------------------------------------------------

const SERVICE = 'RuntimeDirectory=myapp\nTimeoutStopSec=45\nLimitNOFILE=65536\n';
const SOCKET_CONF = 'bind = "unix:/run/myapp/gunicorn.sock"\nworkers = 3\n';

describe('registry', () => {
  test('every deploy/ check and the moved checks run, each from the file named after its id', () => {
    const ids = DEPLOYMENT_RULES.map((r) => r.id);
    for (const id of [
      'deploy/bind-mismatch',
      'deploy/proxy-timeout',
      'deploy/stop-timeout',
      'deploy/private-tmp-socket',
      'deploy/socket-permissions',
      'deploy/preload-reload',
      'deploy/upload-limits',
      'deploy/public-bind',
      'deploy/config-not-found',
      'systemd/runtime-directory',
      'systemd/nofile-limit',
      'gunicorn/forwarded-allow-all',
    ])
      assert.ok(ids.includes(id), id);
    const dir = path.join(__dirname, '..', '..', 'server', 'src', 'deployment', 'rules');
    for (const rule of [
      bindMismatch,
      proxyTimeout,
      stopTimeout,
      privateTmpSocket,
      socketPermissions,
      preloadReload,
      uploadLimits,
      publicBind,
      configNotFound,
      runtimeDirectory,
      nofileLimit,
      forwardedAllowAll,
    ]) {
      assert.ok(fs.existsSync(path.join(dir, `${rule.id.split('/')[1]}.js`)), rule.id);
    }
  });
});

describe('endpoints', () => {
  test('a bind serves loopback targets on its own address, every interface, or localhost', () => {
    const t = (host: string, port = 8000) => ({ kind: 'tcp' as const, key: '', text: '', host, port });
    assert.equal(serves(t('0.0.0.0'), t('127.0.0.1')), true);
    assert.equal(serves(t(''), t('localhost')), true);
    assert.equal(serves(t('::'), t('::1')), true);
    assert.equal(serves(t('0.0.0.0'), t('::1')), false);
    assert.equal(serves(t('127.0.0.1'), t('localhost')), true);
    assert.equal(serves(t('127.0.0.1'), t('::1')), false);
    assert.equal(serves(t('127.0.0.1', 8001), t('127.0.0.1')), false);
    assert.equal(serves(t('web'), t('127.0.0.1')), undefined, 'a host name is not ours to judge');
    assert.equal(serves(t('0.0.0.0'), t('10.0.0.5')), undefined, 'another host is not ours to judge');
    assert.equal(serves(unixEndpoint('/run/a.sock'), unixEndpoint('/run/a.sock')), true);
    assert.equal(serves(unixEndpoint('a.sock'), unixEndpoint('/run/a.sock')), undefined);
  });
  // Moved from the gunicorn format's own bind helpers (parseBindAddress, isLoopbackHost), which nothing used but tests.
  test('address helpers', () => {
    const shape = (text: string) => {
      const endpoint = gunicornBindEndpoint(text);
      return endpoint?.kind === 'tcp' ? { kind: 'tcp', host: endpoint.host } : { kind: endpoint?.kind };
    };
    assert.deepEqual(shape('unix:/tmp/x.sock'), { kind: 'unix' });
    assert.deepEqual(shape('fd://3'), { kind: 'fd' });
    assert.deepEqual(shape('[::1]:80'), { kind: 'tcp', host: '::1' });
    assert.deepEqual(shape(':8000'), { kind: 'tcp', host: '' });
    assert.equal(isLoopbackHost('127.0.0.2'), true);
    assert.equal(isLoopbackHost(''), false);
    assert.equal(isLoopbackHost('0.0.0.0'), false);
  });
  test('binds are known only where the environment is', () => {
    assert.ok(knownBinds(modelOf({ unit: unitText(SERVICE), conf: SOCKET_CONF }).invocations[0]));
    assert.ok(knownBinds(modelOf({ unit: unitText(SERVICE), conf: 'workers = 3\n' }).invocations[0]), 'gunicorn default under systemd');
    assert.equal(knownBinds(modelOf({ conf: 'workers = 3\n' }).invocations[0]), undefined, 'a config alone: PORT may be set');
    assert.equal(knownBinds(modelOf({ unit: unitText(SERVICE), conf: 'import os\nbind = os.environ["BIND"]\n' }).invocations[0]), undefined);
  });
});

describe('deploy/bind-mismatch', () => {
  const world: World = { unit: unitText(SERVICE), conf: SOCKET_CONF, site: siteText('unix:/run/myapp/app.sock') };
  test('fires on the nginx address nothing serves, and its fix passes nginx -t and the check', (t) => {
    assert.deepEqual(found(bindMismatch, world), ['myapp.conf@unix:/run/myapp/app.sock']);
    const finding = run(bindMismatch, world)[0];
    assert.equal(finding.related?.[0]?.path, CONF);
    const after = fixed(bindMismatch, world).world;
    assert.match(after.site!, /server unix:\/run\/myapp\/gunicorn\.sock;/);
    assertNginxAccepts(t, after.site!);
    assert.deepEqual(found(bindMismatch, after), []);
  });
  test('quiet when the addresses meet', () => {
    assert.deepEqual(found(bindMismatch, { ...world, site: siteText('unix:/run/myapp/gunicorn.sock') }), []);
  });
  test('a port off by one, in a proxy_pass URL; the fix keeps the URL', (t) => {
    const site = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000/;\n    }\n}\n';
    const ports: World = { unit: unitText(SERVICE), conf: 'bind = "127.0.0.1:8001"\n', site };
    assert.deepEqual(found(bindMismatch, ports), ['myapp.conf@http://127.0.0.1:8000/']);
    const after = fixed(bindMismatch, ports).world;
    assert.match(after.site!, /proxy_pass http:\/\/127\.0\.0\.1:8001\/;/);
    assertNginxAccepts(t, after.site!);
    assert.deepEqual(found(bindMismatch, after), []);
  });
  test('every interface serves loopback; a socket unit counts', () => {
    assert.deepEqual(found(bindMismatch, { unit: unitText(SERVICE), conf: 'bind = "0.0.0.0:8000"\n', site: siteText('127.0.0.1:8000') }), []);
    assert.deepEqual(found(bindMismatch, { unit: unitText(SERVICE), conf: 'bind = ":8000"\n', site: siteText('localhost:8000') }), []);
    const socket = '[Socket]\nListenStream=/run/myapp/app.sock\n';
    assert.deepEqual(found(bindMismatch, { ...world, conf: 'workers = 3\n', socket }), []);
  });
  test('quiet when a bind is unknown, when every gunicorn is reached, or for another host', () => {
    assert.deepEqual(found(bindMismatch, { ...world, conf: 'import os\nbind = os.environ["BIND"]\n' }), []);
    assert.deepEqual(found(bindMismatch, { ...world, site: siteText('10.0.0.5:8000') }), []);
    assert.deepEqual(found(bindMismatch, { ...world, site: siteText('app.internal:8000') }), []);
    // gunicorn is reached; the other proxy is some other program on this host.
    const two =
      siteText('unix:/run/myapp/gunicorn.sock', '') + 'server {\n    listen 81;\n    location / {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n';
    assert.deepEqual(found(bindMismatch, { ...world, site: two }), []);
  });
  test('a config nothing starts still says where it binds, when it sets bind', () => {
    assert.deepEqual(found(bindMismatch, { conf: SOCKET_CONF, site: siteText('unix:/run/myapp/app.sock') }), ['myapp.conf@unix:/run/myapp/app.sock']);
    assert.deepEqual(found(bindMismatch, { conf: 'workers = 3\n', site: siteText('127.0.0.1:8001') }), [], 'its default bind is open (PORT)');
  });
  test('no fix when the unserved address could be one of several binds', () => {
    const many: World = { ...world, conf: 'bind = ["unix:/run/myapp/a.sock", "unix:/run/myapp/b.sock"]\n' };
    const model = modelOf(many);
    const [finding] = bindMismatch.check(model);
    assert.ok(finding);
    assert.deepEqual(bindMismatch.fixes!(finding, { model, project: projectOf(filesOf(many)) }), []);
  });
});

describe('deploy/proxy-timeout', () => {
  const world: World = { unit: unitText(SERVICE), conf: `${SOCKET_CONF}timeout = 120\n`, site: siteText('unix:/run/myapp/gunicorn.sock') };
  test("nginx's default 60 s under gunicorn's 120 s: fires on proxy_pass; the fix adds proxy_read_timeout", (t) => {
    assert.deepEqual(found(proxyTimeout, world), ['myapp.conf@http://myapp']);
    const after = fixed(proxyTimeout, world).world;
    assert.match(after.site!, /proxy_pass http:\/\/myapp;\n {8}proxy_read_timeout 120s;\n/);
    assertNginxAccepts(t, after.site!);
    assert.deepEqual(found(proxyTimeout, after), []);
  });
  test('an existing proxy_read_timeout in the block is edited, not repeated', (t) => {
    const short = { ...world, site: siteText('unix:/run/myapp/gunicorn.sock', '        proxy_read_timeout 90s;\n') };
    assert.deepEqual(found(proxyTimeout, short), ['myapp.conf@proxy_read_timeout 90s;']);
    const after = fixed(proxyTimeout, short).world;
    assert.equal((after.site!.match(/proxy_read_timeout/g) ?? []).length, 1);
    assertNginxAccepts(t, after.site!);
    assert.deepEqual(found(proxyTimeout, after), []);
  });
  test('a server-level proxy_read_timeout that two locations inherit: one finding on it, and the fix edits it', (t) => {
    const site = `upstream myapp {
    server unix:/run/myapp/gunicorn.sock;
}

server {
    listen 80;
    server_name example.com;
    proxy_read_timeout 1s;

    location / {
        proxy_pass http://myapp;
    }

    location /api/ {
        proxy_pass http://myapp;
    }
}
`;
    const inherited: World = { ...world, conf: `${SOCKET_CONF}timeout = 5\n`, site };
    assert.deepEqual(found(proxyTimeout, inherited), ['myapp.conf@proxy_read_timeout 1s;']);
    const after = fixed(proxyTimeout, inherited).world;
    // The one directive changes where it stands; no location gets a copy of its own.
    assert.equal(after.site, site.replace('proxy_read_timeout 1s;', 'proxy_read_timeout 5s;'));
    assertNginxAccepts(t, after.site);
    assert.deepEqual(found(proxyTimeout, after), []);
  });
  test('quiet when nginx waits as long', () => {
    assert.deepEqual(found(proxyTimeout, { ...world, site: siteText('unix:/run/myapp/gunicorn.sock', '        proxy_read_timeout 120s;\n') }), []);
    assert.deepEqual(found(proxyTimeout, { ...world, conf: SOCKET_CONF }), [], 'gunicorn default 30 s under nginx default 60 s');
    assert.deepEqual(found(proxyTimeout, { ...world, conf: `${SOCKET_CONF}timeout = 0\n` }), []);
  });
  test('sync workers: an nginx limit far above timeout fires; the fix lowers it to the timeout', (t) => {
    const long: World = { ...world, conf: SOCKET_CONF, site: siteText('unix:/run/myapp/gunicorn.sock', '        proxy_read_timeout 300s;\n') };
    assert.deepEqual(found(proxyTimeout, long), ['myapp.conf@proxy_read_timeout 300s;']);
    const after = fixed(proxyTimeout, long).world;
    assert.match(after.site!, /proxy_read_timeout 30s;/);
    assertNginxAccepts(t, after.site!);
    assert.deepEqual(found(proxyTimeout, after), []);
  });
  test('with gthread or async workers timeout is a heartbeat: a long nginx limit is fine', () => {
    const long = siteText('unix:/run/myapp/gunicorn.sock', '        proxy_read_timeout 300s;\n');
    assert.deepEqual(found(proxyTimeout, { ...world, conf: `${SOCKET_CONF}threads = 4\n`, site: long }), []);
    assert.deepEqual(found(proxyTimeout, { ...world, conf: `${SOCKET_CONF}worker_class = "gevent"\n`, site: long }), []);
    assert.deepEqual(found(proxyTimeout, { ...world, conf: `${SOCKET_CONF}worker_class = WORKER\n`, site: long }), [], 'unknown class');
    assert.deepEqual(
      found(proxyTimeout, { ...world, conf: SOCKET_CONF, site: siteText('unix:/run/myapp/gunicorn.sock', '        proxy_read_timeout 50s;\n') }),
      [],
      'not far above',
    );
  });
});

describe('deploy/stop-timeout', () => {
  const world: World = { unit: unitText(SERVICE), conf: `${SOCKET_CONF}graceful_timeout = 60\n` };
  test('TimeoutStopSec=45 under graceful_timeout 60: the fix raises it, systemd reads it, the check is quiet', (t) => {
    assert.deepEqual(found(stopTimeout, world), ['myapp.service@45']);
    const after = fixed(stopTimeout, world).world;
    assert.match(after.unit!, /^TimeoutStopSec=70$/m);
    assertSystemdAccepts(t, after.unit!);
    assert.deepEqual(found(stopTimeout, after), []);
  });
  test("systemd's default 90 s under graceful_timeout 120: the fix adds TimeoutStopSec= after ExecStart=", (t) => {
    const unset: World = { unit: unitText('RuntimeDirectory=myapp\n'), conf: `${SOCKET_CONF}graceful_timeout = 120\n` };
    assert.equal(run(stopTimeout, unset).length, 1);
    const after = fixed(stopTimeout, unset).world;
    assert.match(after.unit!, /myapp\.wsgi:application\nTimeoutStopSec=130\n/);
    assertSystemdAccepts(t, after.unit!);
    assert.deepEqual(found(stopTimeout, after), []);
  });
  test('TimeoutSec= sets it: the new TimeoutStopSec= goes after it, where it wins', (t) => {
    const both: World = { unit: unitText('TimeoutSec=20\n'), conf: SOCKET_CONF };
    assert.deepEqual(found(stopTimeout, both), ['myapp.service@20']);
    const after = fixed(stopTimeout, both).world;
    assert.match(after.unit!, /TimeoutSec=20\nTimeoutStopSec=40\n/);
    assertSystemdAccepts(t, after.unit!);
    assert.deepEqual(found(stopTimeout, after), []);
  });
  test('quiet when the supervisor waits long enough, forever, or graceful_timeout is unknown', () => {
    assert.deepEqual(found(stopTimeout, { ...world, unit: unitText(SERVICE.replace('45', '75')) }), []);
    assert.deepEqual(found(stopTimeout, { ...world, unit: unitText(SERVICE.replace('45', 'infinity')) }), []);
    assert.deepEqual(found(stopTimeout, { ...world, conf: `${SOCKET_CONF}graceful_timeout = GRACE\n` }), []);
    assert.deepEqual(found(stopTimeout, { ...world, conf: SOCKET_CONF }), [], 'default 30 s within 45 s');
  });
});

describe('deploy/private-tmp-socket', () => {
  const world: World = {
    unit: unitText('PrivateTmp=true\nTimeoutStopSec=45\n'),
    conf: 'bind = "unix:/tmp/myapp.sock"\nworkers = 3\n',
    site: siteText('unix:/tmp/myapp.sock'),
  };
  test('fires on the bind; the fix moves the socket on both sides and creates /run/myapp', (t) => {
    assert.deepEqual(found(privateTmpSocket, world), ['gunicorn.conf.py@"unix:/tmp/myapp.sock"']);
    const { world: after, fix } = fixed(privateTmpSocket, world);
    assert.equal(fix.safe, false);
    assert.match(after.conf!, /bind = "unix:\/run\/myapp\/myapp\.sock"/);
    assert.match(after.site!, /server unix:\/run\/myapp\/myapp\.sock;/);
    assert.match(after.unit!, /myapp\.wsgi:application\nRuntimeDirectory=myapp\n/);
    assertNginxAccepts(t, after.site!);
    assertSystemdAccepts(t, after.unit!);
    assertPythonCompiles(t, after.conf!);
    assert.deepEqual(found(privateTmpSocket, after), []);
    assert.deepEqual(found(bindMismatch, after), []);
    assert.deepEqual(found(runtimeDirectory, after), []);
  });
  test('quiet without PrivateTmp=, with the socket elsewhere, or when nginx does not connect to it', () => {
    assert.deepEqual(found(privateTmpSocket, { ...world, unit: unitText('TimeoutStopSec=45\n') }), []);
    assert.deepEqual(found(privateTmpSocket, { ...world, conf: SOCKET_CONF, site: siteText('unix:/run/myapp/gunicorn.sock') }), []);
    assert.deepEqual(found(privateTmpSocket, { ...world, site: undefined }), []);
  });
});

describe('deploy/socket-permissions', () => {
  const unit = unitText(SERVICE).replace('User=www-data\nGroup=www-data', 'User=myapp\nGroup=myapp');
  const world: World = { unit, conf: `${SOCKET_CONF}umask = 0o077\n`, site: siteText('unix:/run/myapp/gunicorn.sock'), nginxUser: 'www-data' };
  test('umask 077 leaves the socket to its owner: nginx as www-data cannot connect', () => {
    assert.deepEqual(found(socketPermissions, world), ['gunicorn.conf.py@0o077']);
    assert.match(run(socketPermissions, world)[0].message, /mode 0700.*belongs to myapp.*www-data/);
  });
  test('the same from the command line, read as gunicorn reads -m 077', () => {
    const cli = { ...world, conf: SOCKET_CONF, unit: unit.replace('-c /srv/myapp/gunicorn.conf.py', '-c /srv/myapp/gunicorn.conf.py --umask 077') };
    assert.deepEqual(found(socketPermissions, cli), ['myapp.service@077']);
  });
  test('quiet where the answer is not certain or is yes', () => {
    assert.deepEqual(found(socketPermissions, { ...world, conf: `${SOCKET_CONF}umask = 0o007\n` }), [], 'group may hold nginx');
    assert.deepEqual(found(socketPermissions, { ...world, conf: SOCKET_CONF }), [], 'default umask 0');
    assert.deepEqual(found(socketPermissions, { ...world, nginxUser: undefined }), []);
    assert.deepEqual(found(socketPermissions, { ...world, nginxUser: 'root' }), []);
    assert.deepEqual(found(socketPermissions, { ...world, unit: unitText(SERVICE) }), [], 'owner is www-data');
    assert.deepEqual(found(socketPermissions, { ...world, conf: `${SOCKET_CONF}umask = UMASK\n` }), []);
  });
  test('a socket unit: SocketMode=0600 for SocketUser=myapp fires on SocketMode; the default 0666 does not', () => {
    const socket = '[Socket]\nListenStream=/run/myapp.sock\nSocketUser=myapp\nSocketMode=0600\n';
    const activated: World = { ...world, conf: 'workers = 3\n', socket, site: siteText('unix:/run/myapp.sock') };
    assert.deepEqual(found(socketPermissions, activated), ['myapp.socket@0600']);
    assert.deepEqual(found(socketPermissions, { ...activated, socket: '[Socket]\nListenStream=/run/myapp.sock\nSocketUser=myapp\n' }), []);
  });
  test('umask and access helpers', () => {
    assert.equal(parseUmask('077'), 0o77);
    assert.equal(parseUmask('0o27'), 0o27);
    assert.equal(parseUmask('23'), 23);
    assert.equal(parseUmask(0o22), 0o22);
    assert.equal(parseUmask('x'), undefined);
    assert.equal(mayConnect({ mode: 0o700, owner: 'myapp' }, 'www-data'), false);
    assert.equal(mayConnect({ mode: 0o700, owner: 'www-data' }, 'www-data'), true);
    assert.equal(mayConnect({ mode: 0o700 }, 'www-data'), undefined);
    assert.equal(mayConnect({ mode: 0o770, owner: 'myapp' }, 'www-data'), undefined);
  });
});

describe('deploy/preload-reload', () => {
  const world: World = { unit: unitText(SERVICE), conf: `${SOCKET_CONF}preload_app = True\n` };
  test('preload with a HUP reload fires on ExecReload=', () => {
    assert.deepEqual(found(preloadReload, world), ['myapp.service@/bin/kill -s HUP $MAINPID']);
  });
  test('quiet without preload, with preload unknown, or without a HUP reload', () => {
    assert.deepEqual(found(preloadReload, { ...world, conf: `${SOCKET_CONF}preload_app = False\n` }), []);
    assert.deepEqual(found(preloadReload, { ...world, conf: `${SOCKET_CONF}preload_app = PRELOAD\n` }), []);
    assert.deepEqual(found(preloadReload, { ...world, unit: unitText(SERVICE).replace('ExecReload=/bin/kill -s HUP $MAINPID\n', '') }), []);
  });
});

describe('deploy/upload-limits', () => {
  const location = '        client_max_body_size 200m;\n        proxy_request_buffering off;\n';
  const world: World = { unit: unitText(SERVICE), conf: SOCKET_CONF, site: siteText('unix:/run/myapp/gunicorn.sock', location) };
  test('200 MiB streamed unbuffered to a sync worker with a 30 s timeout fires on proxy_request_buffering', () => {
    assert.deepEqual(found(uploadLimits, world), ['myapp.conf@proxy_request_buffering off;']);
    assert.deepEqual(
      found(uploadLimits, {
        ...world,
        site: siteText('unix:/run/myapp/gunicorn.sock', '        client_max_body_size 0;\n        proxy_request_buffering off;\n'),
      }),
      ['myapp.conf@proxy_request_buffering off;'],
    );
  });
  test('quiet with buffering, a small limit, a long timeout, or a threaded worker', () => {
    assert.deepEqual(found(uploadLimits, { ...world, site: siteText('unix:/run/myapp/gunicorn.sock', '        client_max_body_size 200m;\n') }), []);
    assert.deepEqual(
      found(uploadLimits, {
        ...world,
        site: siteText('unix:/run/myapp/gunicorn.sock', '        client_max_body_size 10m;\n        proxy_request_buffering off;\n'),
      }),
      [],
    );
    assert.deepEqual(found(uploadLimits, { ...world, conf: `${SOCKET_CONF}timeout = 300\n` }), []);
    assert.deepEqual(found(uploadLimits, { ...world, conf: `${SOCKET_CONF}worker_class = "gthread"\nthreads = 4\n` }), []);
  });
});

describe('deploy/public-bind', () => {
  const world: World = { unit: unitText(SERVICE), conf: 'bind = "0.0.0.0:8000"\nworkers = 3\n', site: siteText('127.0.0.1:8000') };
  test('every interface while nginx uses loopback: the fix binds 127.0.0.1', (t) => {
    assert.deepEqual(found(publicBind, world), ['gunicorn.conf.py@"0.0.0.0:8000"']);
    const after = fixed(publicBind, world).world;
    assert.match(after.conf!, /^bind = "127\.0\.0\.1:8000"$/m);
    assertPythonCompiles(t, after.conf!);
    assert.deepEqual(found(publicBind, after), []);
    assert.deepEqual(found(bindMismatch, after), []);
  });
  test('on the command line, the fix edits ExecStart= and systemd still reads the unit', (t) => {
    const cli: World = { unit: unitText(SERVICE, '--bind [::]:8000'), site: siteText('localhost:8000') };
    assert.deepEqual(found(publicBind, cli), ['myapp.service@[::]:8000']);
    const after = fixed(publicBind, cli).world;
    assert.match(after.unit!, /--bind 127\.0\.0\.1:8000 /);
    assertSystemdAccepts(t, after.unit!);
    assert.deepEqual(found(publicBind, after), []);
  });
  test('quiet for loopback binds, other hosts, and containers', () => {
    assert.deepEqual(found(publicBind, { ...world, conf: 'bind = "127.0.0.1:8000"\n' }), []);
    assert.deepEqual(found(publicBind, { ...world, site: siteText('10.0.0.7:8000') }), []);
    assert.deepEqual(found(publicBind, { ...world, host: 'dockerfile' }), []);
    assert.deepEqual(found(publicBind, { ...world, site: undefined }), []);
  });
});

describe('deploy/config-not-found', () => {
  const written = (value: string, start = 50): Sourced<string> => ({ value, place: { path: UNIT, range: { start, end: start + value.length } } });
  const world = (value: string, adjust: (inv: Invocation) => void = () => {}): World => ({
    unit: unitText(SERVICE),
    adjust: (inv) => {
      inv.config = { written: written(value) };
      inv.workingDirectory = { value: '/srv/myapp', place: { path: UNIT, range: { start: 0, end: 1 } }, workspaceFolder: ROOT };
      adjust(inv);
    },
  });
  test('a relative -c from a working directory the workspace maps fires on the -c value', () => {
    const findings = run(configNotFound, world('conf/gunicorn.py'));
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].range, { start: 50, end: 66 });
    assert.match(findings[0].message, /conf\/gunicorn\.py/);
  });
  test('absolute paths: inside the workspace, or under the mapped working directory', () => {
    assert.equal(run(configNotFound, world(`${ROOT}/etc/gunicorn.py`)).length, 1);
    assert.equal(run(configNotFound, world('/srv/myapp/conf/gunicorn.py')).length, 1);
  });
  test('a Procfile runs from its own folder', () => {
    assert.equal(
      run(
        configNotFound,
        world('gunicorn.conf.py', (inv) => {
          inv.host = 'procfile';
          inv.hostPath = `${ROOT}/Procfile`;
          delete inv.workingDirectory;
        }),
      ).length,
      1,
    );
  });
  test('quiet when found, outside the workspace, unmapped, or not a file', () => {
    assert.deepEqual(
      run(
        configNotFound,
        world('gunicorn.conf.py', (inv) => {
          inv.config!.path = CONF;
        }),
      ),
      [],
    );
    assert.deepEqual(run(configNotFound, world('/etc/myapp/gunicorn.conf.py')), []);
    assert.deepEqual(
      run(
        configNotFound,
        world('gunicorn.conf.py', (inv) => {
          inv.workingDirectory!.workspaceFolder = undefined;
        }),
      ),
      [],
    );
    assert.deepEqual(run(configNotFound, world('python:myapp.gunicorn_config')), []);
    assert.deepEqual(run(configNotFound, world('$CONFIG')), []);
  });
});

describe('systemd/runtime-directory (from the model)', () => {
  const noDir = 'TimeoutStopSec=45\nLimitNOFILE=65536\n';
  test('a --bind under /run/myapp/ without RuntimeDirectory= fires on the value; the fix adds it', (t) => {
    const world: World = { unit: unitText(noDir, '--bind unix:/run/myapp/gunicorn.sock') };
    assert.deepEqual(found(runtimeDirectory, world), ['myapp.service@unix:/run/myapp/gunicorn.sock']);
    const after = fixed(runtimeDirectory, world).world;
    assert.match(after.unit!, /myapp\.wsgi:application\nRuntimeDirectory=myapp\n/);
    assertSystemdAccepts(t, after.unit!);
    assert.deepEqual(found(runtimeDirectory, after), []);
  });
  test('bind and pidfile from the config file: one finding on the -c path, with the config as related', () => {
    const world: World = { unit: unitText(noDir), conf: 'bind = "unix:/run/myapp/gunicorn.sock"\npidfile = "/run/myapp/gunicorn.pid"\n' };
    assert.deepEqual(found(runtimeDirectory, world), ['myapp.service@/srv/myapp/gunicorn.conf.py']);
    assert.equal(run(runtimeDirectory, world)[0].related?.[0]?.path, CONF);
  });
  test('a socket directly in /run for a non-root User=; quiet as root, with RuntimeDirectory=, or under socket activation', () => {
    assert.equal(run(runtimeDirectory, { unit: unitText(noDir, '--bind unix:/run/myapp.sock') }).length, 1);
    assert.deepEqual(found(runtimeDirectory, { unit: unitText(noDir, '--bind unix:/run/myapp.sock').replace('User=www-data\n', '') }), []);
    assert.deepEqual(found(runtimeDirectory, { unit: unitText(SERVICE, '--bind unix:/run/myapp/gunicorn.sock') }), []);
    assert.deepEqual(
      found(runtimeDirectory, { unit: unitText(noDir), conf: 'workers = 3\n', socket: '[Socket]\nListenStream=/run/myapp/gunicorn.sock\n' }),
      [],
    );
  });
});

describe('systemd/nofile-limit (from the model)', () => {
  const noLimit = 'RuntimeDirectory=myapp\nTimeoutStopSec=45\n';
  test('4 gevent workers from the command line: fires on ExecStart=; the fix adds LimitNOFILE=', (t) => {
    const world: World = { unit: unitText(noLimit, '--workers 4 --worker-class gevent --bind unix:/run/myapp/gunicorn.sock') };
    assert.equal(run(nofileLimit, world).length, 1);
    assert.match(run(nofileLimit, world)[0].message, /about 8000 open files/);
    const after = fixed(nofileLimit, world).world;
    assert.match(after.unit!, /myapp\.wsgi:application\nLimitNOFILE=65536\n/);
    assertSystemdAccepts(t, after.unit!);
    assert.deepEqual(found(nofileLimit, after), []);
  });
  test('numbers from the config count like the command line; quiet when small or unknown', () => {
    assert.equal(run(nofileLimit, { unit: unitText(noLimit), conf: 'workers = 9\nthreads = 64\nworker_class = "gthread"\n' }).length, 1);
    assert.deepEqual(found(nofileLimit, { unit: unitText(noLimit), conf: 'workers = 4\nthreads = 8\n' }), []);
    assert.deepEqual(found(nofileLimit, { unit: unitText(noLimit), conf: 'workers = WORKERS\nworker_class = "gevent"\n' }), []);
    assert.deepEqual(found(nofileLimit, { unit: unitText(SERVICE, '--workers 4 --worker-class gevent') }), [], 'LimitNOFILE= set');
    // The command line wins over the config.
    assert.deepEqual(
      found(nofileLimit, { unit: unitText(noLimit, '-c /srv/myapp/gunicorn.conf.py --worker-class sync'), conf: 'workers = 4\nworker_class = "gevent"\n' }),
      [],
    );
  });
  test('WEB_CONCURRENCY is the default worker count when nothing sets workers', () => {
    const world: World = {
      unit: unitText(noLimit, '--worker-class gevent'),
      adjust: (inv) => inv.environment.set('WEB_CONCURRENCY', { value: 'lots', place: { path: UNIT, range: { start: 0, end: 1 } } }),
    };
    assert.deepEqual(found(nofileLimit, world), []);
  });
});

describe('gunicorn/forwarded-allow-all (from the model)', () => {
  test('"*" in the config with an all-interfaces bind fires on the "*"', () => {
    assert.deepEqual(found(forwardedAllowAll, { conf: 'bind = "[::]:8000"\nforwarded_allow_ips = "*"\n' }), ['gunicorn.conf.py@"*"']);
    assert.deepEqual(found(forwardedAllowAll, { conf: 'bind = ["unix:/run/a.sock", "10.1.2.3:80"]\nforwarded_allow_ips = "10.0.0.0/8,*"\n' }), [
      'gunicorn.conf.py@"10.0.0.0/8,*"',
    ]);
  });
  test("--forwarded-allow-ips '*' on a command line fires on the flag value; a bind there counts against the config", () => {
    assert.deepEqual(found(forwardedAllowAll, { unit: unitText(SERVICE, "--bind 0.0.0.0:8000 --forwarded-allow-ips '*'") }), ["myapp.service@'*'"]);
    assert.deepEqual(
      found(forwardedAllowAll, { unit: unitText(SERVICE, '-c /srv/myapp/gunicorn.conf.py --bind 0.0.0.0:8000'), conf: 'forwarded_allow_ips = "*"\n' }),
      ['gunicorn.conf.py@"*"'],
    );
  });
  test('quiet for loopback and unix binds, the default bind, a narrower list, an override, or an unknown bind', () => {
    assert.deepEqual(found(forwardedAllowAll, { conf: 'bind = "localhost:8000"\nforwarded_allow_ips = "*"\n' }), []);
    assert.deepEqual(found(forwardedAllowAll, { conf: 'forwarded_allow_ips = "*"\n' }), []);
    assert.deepEqual(found(forwardedAllowAll, { conf: 'bind = "0.0.0.0:8000"\nforwarded_allow_ips = "10.0.0.5"\n' }), []);
    assert.deepEqual(
      found(forwardedAllowAll, {
        unit: unitText(SERVICE, '-c /srv/myapp/gunicorn.conf.py --forwarded-allow-ips 10.0.0.5'),
        conf: 'bind = "0.0.0.0:8000"\nforwarded_allow_ips = "*"\n',
      }),
      [],
    );
    assert.deepEqual(found(forwardedAllowAll, { conf: 'import os\nbind = os.environ["BIND"]\nforwarded_allow_ips = "*"\n' }), []);
  });
});
