/**
 * Oracle: Debian's gunicorn 20.1 judges our gunicorn fixtures. For every fixture config whose settings all exist in
 * 20.1, `gunicorn --check-config` runs on a temp copy (markers kept: they are comments) beside a trivial app:
 * - it fails => we report an error, on the line of the setting it names ("Invalid value for NAME");
 * - it passes => we report no error, except errors that gunicorn only raises when the master starts
 *   (an unknown worker class): those are confirmed by loading the worker class with gunicorn's own Config.
 * Every `.fixed` file must still compile as Python.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import { settingAvailability, settingNamed } from '../../server/src/knowledge/gunicorn/index';
import { bindings } from '../../server/src/formats/gunicorn/rules/facts';
import { checkConfig, fixturesDir, folderProject, ready } from '../gunicorn-rules/harness';
import { skipMissingOracle } from '../support/oracles';

const GUNICORN = '/usr/bin/gunicorn';
const PYTHON = '/usr/bin/python3';
const ORACLE_VERSION = '20.1.0';
/** Errors gunicorn does not raise while loading the config, but when the arbiter starts. */
const START_TIME_RULES = new Set(['gunicorn/unknown-worker-class']);
/** Errors gunicorn raises while it loads the config, setting by setting. */
const LOAD_TIME_RULES = new Set(['gunicorn/invalid-value', 'gunicorn/hook-signature']);
/** Probes where we knowingly disagree with gunicorn today, with the reason; they run as todo tests. */
const KNOWN_GAPS: Record<string, string> = {};

const APP = 'def app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n';
const LOAD_WORKER = [
  'import sys',
  'from gunicorn.app.wsgiapp import WSGIApplication',
  "sys.argv = ['gunicorn', '-c', 'gunicorn.conf.py', 'app:app']",
  'application = WSGIApplication()',
  'application.cfg.worker_class',
].join('\n');

const scenarios = fs.existsSync(fixturesDir())
  ? fs
      .readdirSync(fixturesDir())
      .filter((name) => fs.existsSync(path.join(fixturesDir(), name, 'gunicorn.conf.py')))
      .sort()
  : [];

function run(command: string, args: string[], cwd: string): { status: number | null; stderr: string } {
  const result = spawnSync(command, args, { cwd, timeout: 20_000, encoding: 'utf8', env: { ...process.env, GUNICORN_CMD_ARGS: '' } });
  return { status: result.status, stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

describe('gunicorn --check-config agrees with our errors', () => {
  before(ready);
  const installed = fs.existsSync(GUNICORN);
  for (const name of scenarios) {
    test(name, (t) => {
      if (!installed) return skipMissingOracle(t, `${GUNICORN} not installed (apt-get install -y gunicorn python3-gunicorn)`);
      const source = path.join(fixturesDir(), name, 'gunicorn.conf.py');
      const text = fs.readFileSync(source, 'utf8');
      const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-oracle-'));
      try {
        const file = path.join(temp, 'gunicorn.conf.py');
        fs.writeFileSync(file, text);
        fs.writeFileSync(path.join(temp, 'app.py'), APP);
        const ours = checkConfig(folderProject(temp, {}, { gunicornVersion: ORACLE_VERSION }), file, text);
        const missing = bindings(ours.context.model)
          .map((binding) => settingNamed(binding.name))
          .filter((setting) => setting && settingAvailability(setting, ORACLE_VERSION) !== 'available');
        if (missing.length > 0) return t.skip(`uses settings gunicorn ${ORACLE_VERSION} lacks: ${missing.map((s) => s!.name).join(', ')}`);

        // With wsgi_app in the config, the app comes from there; a command-line target would override it. A
        // multi-file deployment's app (Flask, SQLAlchemy...) is judged by the model's checks, not here: the trivial
        // app stands in for it, so gunicorn judges the config's values alone.
        const deployment = fs.readdirSync(path.join(fixturesDir(), name)).some((entry) => !entry.startsWith('.') && entry !== 'gunicorn.conf.py');
        const args = ['--check-config', '-c', 'gunicorn.conf.py', ...(/^wsgi_app\s*=/m.test(text) && !deployment ? [] : ['app:app'])];
        const result = run(GUNICORN, args, temp);
        assert.notEqual(result.status, null, `gunicorn did not finish: ${result.stderr}`);
        const index = new LineIndex(text);
        const errors = ours.findings.filter((finding) => finding.severity === 'error');
        const describe = errors.map((e) => `${index.positionAt(e.range.start).line + 1}: ${e.rule} ${e.message}`).join('\n') || '(none)';

        // gunicorn stops at the first refused value: judge each of our load-time errors on its own statement too.
        for (const error of errors.filter((e) => LOAD_TIME_RULES.has(e.rule))) {
          const binding = bindings(ours.context.model).find(
            (b) => b.branch.length === 0 && b.statementRange.start <= error.range.start && error.range.end <= b.statementRange.end,
          );
          if (!binding) continue;
          fs.writeFileSync(file, `${text.slice(binding.statementRange.start, binding.statementRange.end)}\n`);
          const alone = run(GUNICORN, ['--check-config', '-c', 'gunicorn.conf.py', 'app:app'], temp);
          assert.notEqual(alone.status, 0, `gunicorn accepts ${binding.name} on its own, we report: ${error.message}`);
        }
        fs.writeFileSync(file, text);

        // A config that imports a package this machine lacks (gevent) cannot be judged here at all.
        const missingModule = /Failed to read config file[\s\S]*ModuleNotFoundError: No module named '([^']+)'/.exec(result.stderr);
        if (result.status !== 0 && missingModule) return t.skip(`the config imports ${missingModule[1]}, which is not installed`);
        if (result.status !== 0) {
          assert.ok(errors.length > 0, `gunicorn refused the config but we report no error:\n${result.stderr.slice(-800)}`);
          const named = /Invalid value for (\w+):/.exec(result.stderr);
          if (named) {
            const last = bindings(ours.context.model)
              .filter((binding) => binding.name === named[1])
              .at(-1);
            assert.ok(last, `gunicorn names ${named[1]}, which the reader did not find`);
            const line = index.positionAt(last.nameRange.start).line;
            assert.ok(
              errors.some((error) => index.positionAt(error.range.start).line === line),
              `gunicorn refused ${named[1]} (line ${line + 1}); our errors:\n${describe}`,
            );
          }
          return;
        }
        const loadTime = errors.filter((error) => !START_TIME_RULES.has(error.rule));
        assert.deepEqual(
          loadTime.map((e) => e.rule),
          [],
          `gunicorn --check-config accepts the config, we report:\n${describe}`,
        );
        if (errors.length > 0) {
          const worker = run(PYTHON, ['-c', LOAD_WORKER], temp);
          assert.notEqual(worker.status, 0, `gunicorn loads the worker class that we call unknown:\n${describe}`);
        }
      } finally {
        fs.rmSync(temp, { recursive: true, force: true });
      }
    });
  }
});

/**
 * One-line configs, each judged alone: gunicorn stops at the first refused value, so a fixture with several only
 * tells about the first. Every error of ours on a one-line statement must be refused by gunicorn on its own, and
 * these probes (taken from values people write) must get an error from us exactly when gunicorn refuses them.
 * Values that gunicorn checks against the machine it runs on (a user name, a folder, a file) are left out: the
 * machine that runs the linter is not the one that runs gunicorn.
 */
const PROBES = [
  'workers = 0',
  'workers = "4"',
  'workers = "four"',
  'workers = 2.5',
  'threads = -1',
  'timeout = "30"',
  'timeout = None',
  'bind = 8000',
  'bind = ["127.0.0.1:8000", "unix:/tmp/app.sock"]',
  'bind = "0.0.0.0:8000"',
  'preload_app = "yes"',
  'preload_app = "True"',
  'preload_app = 1',
  'daemon = "false"',
  'umask = "0o22"',
  'umask = "0x12"',
  'loglevel = "verbose"',
  'loglevel = 10',
  'forwarded_allow_ips = "*"',
  'forwarded_allow_ips = ["127.0.0.1", "10.0.0.1"]',
  'raw_env = "A=1"',
  'raw_env = ["A=1", "B=2"]',
  'secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}',
  'secure_scheme_headers = "X-FORWARDED-PROTO"',
  'logconfig_dict = {"version": 1}',
  'logconfig_dict = []',
  'on_starting = 5',
  'post_fork = "not_a_module"',
  'post_fork = lambda server, worker: None',
  'post_fork = lambda server: None',
  'post_request = lambda worker, req, environ: None',
  'post_request = lambda worker: None',
  'worker_class = 5',
  'max_requests = "1000"',
  'statsd_host = "localhost:8125"',
  'limit_request_line = -1',
  'keepalive = True',
  'proxy_allow_ips = "*"',
  'access_log_format = "%(h)s"',
  'reload_engine = "fsevents"',
  'reload_engine = "poll"',
  'post_fork = None',
  'workers = True',
  'bind = ""',
  'group = 65534',
  'limit_request_fields = 40000',
  'graceful_timeout = 1e3',
  'proc_name = 5',
  'errorlog = None',
  'raw_env = {"A": "1"}',
  'statsd_host = "localhost:notaport"',
];

describe('gunicorn --check-config on one-line probes', () => {
  before(ready);
  const installed = fs.existsSync(GUNICORN);
  for (const line of PROBES) {
    test(line, { todo: KNOWN_GAPS[line] }, (t) => {
      if (!installed) return skipMissingOracle(t, `${GUNICORN} not installed (apt-get install -y gunicorn python3-gunicorn)`);
      const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-probe-'));
      try {
        const text = `${line}\n`;
        const file = path.join(temp, 'gunicorn.conf.py');
        fs.writeFileSync(file, text);
        fs.writeFileSync(path.join(temp, 'app.py'), APP);
        const result = run(GUNICORN, ['--check-config', '-c', 'gunicorn.conf.py', 'app:app'], temp);
        const ours = checkConfig(folderProject(temp, {}, { gunicornVersion: ORACLE_VERSION }), file, text);
        const errors = ours.findings.filter((finding) => finding.severity === 'error').map((f) => `${f.rule}: ${f.message}`);
        if (result.status === 0) assert.deepEqual(errors, [], 'gunicorn accepts it, we report an error');
        else assert.ok(errors.length > 0, `gunicorn refuses it (${result.stderr.trim().split('\n').at(-1)}), we report no error`);
      } finally {
        fs.rmSync(temp, { recursive: true, force: true });
      }
    });
  }
});

describe('fixed gunicorn configs still compile', () => {
  const fixed = scenarios.map((name) => path.join(fixturesDir(), name, '.fixed', 'gunicorn.conf.py')).filter((file) => fs.existsSync(file));
  test('there are fixed files', () => assert.ok(fixed.length >= 10, `only ${fixed.length}`));
  for (const file of fixed) {
    test(path.basename(path.dirname(path.dirname(file))), (t) => {
      if (!fs.existsSync(PYTHON)) return skipMissingOracle(t, `${PYTHON} not installed`);
      // compile() rather than py_compile: no __pycache__ written into the fixtures.
      const result = run(PYTHON, ['-c', 'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], "exec")', file], path.dirname(file));
      assert.equal(result.status, 0, result.stderr);
    });
  }
});
