import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ACCESS_LOG_ATOMS,
  DEFAULT_ACCESS_LOG_FORMAT,
  GUNICORN_SETTINGS,
  KNOWN_GUNICORN_RELEASES,
  NEWEST_GUNICORN,
  WORKER_CLASSES,
  atomNamed,
  compareVersions,
  effectiveRelease,
  hookSettings,
  isWorkerAvailable,
  normaliseVersion,
  settingAvailability,
  settingForFlag,
  settingNamed,
  workerClassNamed,
} from '../../server/src/knowledge/gunicorn';
import { referenceDir } from '../support/repo';

/** One setting of test/reference/gunicorn-settings.json (only the fields these tests read). */
interface SettingRefItem {
  name: string;
  section: string;
  cli: string[];
  meta?: string;
  validator: string;
  action?: string;
  default?: unknown;
  default_source: string | null;
  first_release: string;
  callable_arity?: number;
  callable_arity_accepted?: number[];
  is_hook?: boolean;
}

interface SettingsReference {
  gunicorn_version: string;
  validators: Record<string, { accepts_values?: string[]; range?: [number, number] } | undefined>;
  items: SettingRefItem[];
  removed_settings: { name: string; last_release_with_it: string }[];
  setting_names_by_release: Record<string, string[]>;
  setting_counts_by_release: Record<string, number>;
}

interface AtomsReference {
  default_access_log_format: string;
  items: { atom: string; since_release: string }[];
}

interface WorkersReference {
  supported_workers: Record<string, string>;
  items: { name: string; class_path: string; first_release?: string; python_packages: string[] }[];
}

/** Reads a reference JSON file; the caller names the shape it was written with. */
function reference<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(referenceDir(), name), 'utf8')) as T;
}

const settingsRef = reference<SettingsReference>('gunicorn-settings.json');
const atomsRef = reference<AtomsReference>('gunicorn-access-log-atoms.json');
const workersRef = reference<WorkersReference>('gunicorn-worker-classes.json');

test('all 119 current settings match the reference facts', () => {
  const current = GUNICORN_SETTINGS.filter((s) => s.removed === undefined);
  assert.equal(settingsRef.items.length, 119);
  assert.equal(current.length, 119);
  let matched = 0;
  for (const item of settingsRef.items) {
    const ours = settingNamed(item.name);
    assert.ok(ours, item.name);
    assert.equal(ours.removed, undefined, item.name);
    assert.equal(ours.section, item.section, item.name);
    assert.equal(ours.validator, item.validator, item.name);
    assert.deepEqual(ours.cli, item.cli, item.name);
    assert.equal(ours.meta, item.meta, item.name);
    assert.equal(ours.action, item.action, item.name);
    if ('default' in item) assert.deepEqual(ours.default, item.default, item.name);
    if (item.default_source !== null) assert.equal(ours.defaultSource, item.default_source, item.name);
    if (item.callable_arity_accepted) assert.deepEqual(ours.hookArity, item.callable_arity_accepted, item.name);
    else if (item.callable_arity !== undefined) assert.deepEqual(ours.hookArity, [item.callable_arity], item.name);
    else assert.equal(ours.hookArity, undefined, item.name);
    if (/^\d/.test(item.first_release)) assert.equal(ours.added, item.first_release, item.name);
    assert.equal(ours.url, `https://docs.gunicorn.org/en/stable/settings.html#${item.name.replace(/_/g, '-')}`);
    matched++;
  }
  assert.equal(matched, 119);
});

test('kinds, enums, ranges and environment variables follow the validators', () => {
  for (const s of GUNICORN_SETTINGS) {
    const accepted = settingsRef.validators[s.validator]?.accepts_values;
    if (accepted) {
      assert.equal(s.kind, 'enum', s.name);
      assert.deepEqual(s.values, accepted, s.name);
      assert.equal(s.valuesExhaustive, true, s.name);
    }
    if (s.kind === 'callable') assert.ok(s.hookParams && s.hookArity?.includes(s.hookParams.length), s.name);
  }
  assert.deepEqual(settingNamed('http2_max_frame_size')?.range, settingsRef.validators.validate_http2_frame_size?.range);
  const loglevel = settingNamed('loglevel');
  assert.equal(loglevel?.kind, 'string');
  assert.deepEqual(loglevel?.values, ['debug', 'info', 'warning', 'error', 'critical']);
  assert.equal(loglevel?.valuesExhaustive, false);
  assert.equal(settingNamed('workers')?.envVar, 'WEB_CONCURRENCY');
  assert.equal(settingNamed('forwarded_allow_ips')?.envVar, 'FORWARDED_ALLOW_IPS');
  assert.equal(settingNamed('bind')?.envVar, 'PORT');
  assert.equal(settingNamed('timeout')?.envVar, undefined);
  assert.deepEqual(settingNamed('post_request')?.hookParams, ['worker', 'req', 'environ', 'resp']);
  assert.equal(settingNamed('umask')?.kind, 'pos_int');
  assert.equal(settingNamed('http_protocols')?.valueIsList, true);
});

test('removed settings are kept with the release that dropped them', () => {
  const removed = GUNICORN_SETTINGS.filter((s) => s.removed !== undefined).map((s) => [s.name, s.removed]);
  const releases = Object.keys(settingsRef.setting_counts_by_release);
  const expected = settingsRef.removed_settings.map((r) => [r.name, releases[releases.indexOf(r.last_release_with_it) + 1]]);
  assert.deepEqual(removed, expected);
  assert.deepEqual(removed, [
    ['debug', '19.2'],
    ['django_settings', '19.7.0'],
    ['tolerate_dangerous_framing', '23.0.0'],
  ]);
});

test('every setting has our own prose, not the reference wording', () => {
  const referenceTexts = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string' && value.length > 20) referenceTexts.add(value.trim().toLowerCase());
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(settingsRef);
  collect(atomsRef);
  collect(workersRef);
  const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).map((s) => s.trim().toLowerCase().replace(/\.$/, ''));
  const check = (owner: string, text: string) => {
    for (const sentence of sentences(text)) {
      for (const ref of referenceTexts) {
        assert.ok(!(sentence.length > 20 && ref.replace(/\.$/, '') === sentence), `${owner} copies: ${sentence}`);
      }
    }
  };
  for (const s of GUNICORN_SETTINGS) {
    assert.ok(s.summary.trim() && !s.summary.includes('\n'), `${s.name} summary`);
    const count = sentences(s.docs).length;
    assert.ok(count >= 1 && count <= 6, `${s.name} docs has ${count} sentences`);
    check(s.name, s.summary);
    check(s.name, s.docs);
  }
  for (const atom of ACCESS_LOG_ATOMS) check(atom.atom, atom.docs + ' ' + atom.summary);
  for (const worker of WORKER_CLASSES) check(worker.name, worker.docs + ' ' + worker.summary);
});

test('lookups by name, flag and hook', () => {
  assert.equal(settingNamed('Workers'), undefined, 'names are case-sensitive, as in gunicorn');
  assert.equal(settingForFlag('-w')?.name, 'workers');
  assert.equal(settingForFlag('--workers')?.name, 'workers');
  assert.equal(settingForFlag('--workers=4')?.name, 'workers');
  assert.equal(settingForFlag('--no-sendfile')?.name, 'sendfile');
  assert.equal(settingForFlag('--log-file')?.name, 'errorlog');
  assert.equal(settingForFlag('--settings')?.name, 'django_settings');
  assert.equal(settingForFlag('--workerz'), undefined);
  const hooks = hookSettings().map((s) => s.name);
  const refHooks = settingsRef.items.filter((i) => i.is_hook).map((i) => i.name);
  assert.deepEqual(hooks, refHooks);
  assert.equal(hooks.length, 20);
});

test('22 access log atoms and their lookup', () => {
  assert.equal(ACCESS_LOG_ATOMS.length, atomsRef.items.length);
  assert.equal(ACCESS_LOG_ATOMS.length, 22);
  for (const item of atomsRef.items) {
    const ours = ACCESS_LOG_ATOMS.find((a) => a.atom === item.atom);
    assert.ok(ours, item.atom);
    assert.equal(ours.added, item.since_release, item.atom);
    assert.ok(ours.summary && ours.docs);
  }
  assert.equal(DEFAULT_ACCESS_LOG_FORMAT, atomsRef.default_access_log_format);
  assert.equal(atomNamed('h')?.atom, 'h');
  assert.equal(atomNamed('H')?.atom, 'H');
  assert.equal(atomNamed('{X-Forwarded-For}i')?.atom, '{header}i');
  assert.equal(atomNamed('{content-type}o')?.suffix, 'o');
  assert.equal(atomNamed('%({remote_addr}e)s')?.suffix, 'e');
  assert.equal(atomNamed('x'), undefined);
  assert.equal(atomNamed('{x}z'), undefined);
});

test('every worker class of the reference, with packages and lookups', () => {
  assert.equal(WORKER_CLASSES.length, workersRef.items.length);
  for (const item of workersRef.items) {
    const ours = workerClassNamed(item.name);
    assert.ok(ours, item.name);
    assert.equal(ours.classPath, item.class_path, item.name);
    const refPackages = item.python_packages.map((p) => p.split(/[<>=~!; (]/)[0].toLowerCase()).filter((p) => p !== 'packaging');
    assert.deepEqual(ours.packages, refPackages, item.name);
    if (item.first_release) assert.equal(ours.added, item.first_release, item.name);
  }
  for (const [short, path] of Object.entries(workersRef.supported_workers)) {
    assert.equal(workerClassNamed(short)?.builtin, true);
    assert.equal(workerClassNamed(path)?.classPath, path);
  }
  assert.equal(workerClassNamed('egg:gunicorn#gevent')?.name, 'gevent');
  assert.equal(workerClassNamed('gunicorn.workers.ggevent.GeventWorker')?.name, 'gevent');
  assert.equal(workerClassNamed('eventlet')?.removed, '26.0.0');
  assert.equal(workerClassNamed('eventlet')?.deprecated?.since, '25.0.0');
  assert.equal(workerClassNamed('uvicorn.workers.UvicornWorker')?.deprecated?.replacement, 'uvicorn_worker.UvicornWorker');
  assert.equal(workerClassNamed('uvicorn.workers.UvicornH11Worker')?.deprecated?.replacement, 'uvicorn_worker.UvicornH11Worker');
  assert.deepEqual(workerClassNamed('uvicorn_worker.UvicornWorker')?.packages, ['uvicorn-worker']);
  assert.equal(workerClassNamed('nope'), undefined);
});

test('version logic', () => {
  assert.equal(NEWEST_GUNICORN, settingsRef.gunicorn_version);
  assert.deepEqual(KNOWN_GUNICORN_RELEASES, Object.keys(settingsRef.setting_counts_by_release));
  assert.equal(normaliseVersion('23'), '23.0.0');
  assert.equal(normaliseVersion('v24.1'), '24.1.0');
  assert.equal(normaliseVersion('gunicorn'), undefined);
  assert.ok(compareVersions('19.10.0', '19.9.0') > 0);
  assert.equal(compareVersions('19.0', '19.0.0'), 0);
  assert.ok(compareVersions('23.0.0', '24.0.0') < 0);
  assert.equal(effectiveRelease('24.0.5'), '24.0.0');
  assert.equal(effectiveRelease('99'), '26.1.0');

  const asgiLoop = settingNamed('asgi_loop')!;
  assert.equal(settingAvailability(asgiLoop, '23.0.0'), 'not-yet');
  assert.equal(settingAvailability(asgiLoop, '24.0.0'), 'available');
  assert.equal(settingAvailability(settingNamed('tolerate_dangerous_framing')!, '23.0.0'), 'removed');
  assert.equal(settingAvailability(settingNamed('tolerate_dangerous_framing')!, '22.0.0'), 'available');
  assert.equal(settingAvailability(settingNamed('tolerate_dangerous_framing')!, '21.2.0'), 'not-yet');
  assert.equal(settingAvailability(settingNamed('http2_cleartext')!, NEWEST_GUNICORN), 'not-yet');
  assert.equal(settingAvailability(settingNamed('workers')!, 'nonsense'), 'available');
  assert.equal(isWorkerAvailable(workerClassNamed('eventlet')!, '26.0'), false);
  assert.equal(isWorkerAvailable(workerClassNamed('eventlet')!, '25.3.0'), true);
  assert.equal(isWorkerAvailable(workerClassNamed('asgi')!, '23.0.0'), false);

  // Settings per release agree with the reference name lists at every sampled release.
  for (const [release, names] of Object.entries(settingsRef.setting_names_by_release)) {
    const ours = GUNICORN_SETTINGS.filter((s) => settingAvailability(s, release) === 'available').map((s) => s.name);
    assert.deepEqual(ours.sort(), [...names].sort(), release);
  }
});
