/** Edge cases of the gunicorn config checks, on short inline configs. */
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { applyEdits } from '../../server/src/core/findings';
import { pathLikeTarget } from '../../server/src/knowledge/gunicorn/appTarget';
import { scanLogFormat } from '../../server/src/formats/gunicorn/rules/log-format';
import { checkConfig, firstFixes, folderProject, ready } from './harness';

const ROOT = os.tmpdir();
const FILE = `${ROOT}/gunicorn.conf.py`;

function lint(text: string, version?: string) {
  return checkConfig(folderProject(ROOT, {}, version ? { gunicornVersion: version } : {}), FILE, text);
}

/** `rule@covered text` for each finding, in order. */
function found(text: string, version?: string): string[] {
  return lint(text, version).findings.map((f) => `${f.rule.replace('gunicorn/', '')}@${text.slice(f.range.start, f.range.end)}`);
}

function fixed(text: string): string {
  const run = lint(text);
  return applyEdits(
    text,
    firstFixes(run).flatMap(({ fix }) => fix.edits),
  );
}

before(ready);

describe('unknown-setting', () => {
  test('quiet for names the file reads, imports, defines privately or as dunders', () => {
    assert.deepEqual(found('from settings import WORKERS\nWORKERS = 3\n'), []);
    assert.deepEqual(found('Workers = 3\nprint(f"{Workers}")\n'), []);
    assert.deepEqual(found('_timeout = 3\n__timeout__ = 4\n'), []);
    assert.deepEqual(found('bnd = 1\nhost = 2\nport = 3\n'), []);
  });
  test('a removed setting is reported with its version', () => {
    const [finding] = lint('debug = True\n').findings;
    assert.equal(finding.rule, 'gunicorn/unknown-setting');
    assert.match(finding.message, /not in gunicorn 26\.1\.0 \(removed in/);
  });
  test('a setting from a later release names both versions', () => {
    const [finding] = lint('asgi_loop = "auto"\n', '23.0.0').findings;
    assert.equal(finding.message.startsWith('`asgi_loop` is not in gunicorn 23.0.0 (added in 24.0.0)'), true, finding.message);
  });
  test('a misspelt hook is a misspelt setting too', () => {
    assert.deepEqual(found('def post_forks(server, worker):\n    pass\n'), ['unknown-setting@post_forks']);
    assert.equal(fixed('def post_forks(server, worker):\n    pass\n'), 'def post_fork(server, worker):\n    pass\n');
  });
});

describe('invalid-value', () => {
  test('environment and computed values are not judged', () => {
    assert.deepEqual(found('import os\nworkers = os.environ.get("WEB_CONCURRENCY", "four")\ntimeout = int(os.getenv("T", "x"))\n'), []);
  });
});

describe('hook-signature', () => {
  test('a hook assigned from a def of another name: reported on the value, fixed on the def', () => {
    const text = 'def on_fork(server):\n    pass\n\npost_fork = on_fork\n';
    assert.deepEqual(found(text), ['hook-signature@on_fork']);
    assert.equal(fixed(text), 'def on_fork(server, worker):\n    pass\n\npost_fork = on_fork\n');
  });
  test('keyword-only and **kwargs parameters do not count, defaults do', () => {
    assert.deepEqual(found('def pre_fork(server, worker, **kwargs):\n    pass\n'), []);
    assert.deepEqual(found('def pre_fork(server, worker, *, extra):\n    pass\n'), []);
    assert.deepEqual(found('def on_exit(server, code=0):\n    pass\n'), ['hook-signature@(server, code=0)']);
  });
  test('a lambda without parameters gets them', () => {
    assert.equal(fixed('when_ready = lambda: None\n'), 'when_ready = lambda server: None\n');
  });
  test('appending the parameters gunicorn passes is safe (--fix applies it); any other rewrite is not', () => {
    const safety = (text: string): { safe: boolean; result: string } => {
      const [{ fix }] = firstFixes(lint(text));
      return { safe: fix.safe, result: applyEdits(text, fix.edits) };
    };
    assert.deepEqual(safety('def post_fork(server):  # keep\n    pass\n'), {
      safe: true,
      result: 'def post_fork(server, worker):  # keep\n    pass\n',
    });
    assert.deepEqual(safety('def when_ready():\n    pass\n'), { safe: true, result: 'def when_ready(server):\n    pass\n' });
    assert.deepEqual(safety('def post_fork(\n    server,\n):\n    pass\n'), { safe: true, result: 'def post_fork(\n    server, worker,\n):\n    pass\n' });
    // Another name, a default, a star, too many, a lambda: the list is rewritten, which needs a look.
    assert.equal(safety('def post_fork(arbiter):\n    pass\n').safe, false);
    assert.equal(safety('def post_fork(server=None):\n    pass\n').safe, false);
    assert.equal(safety('def child_exit(*args):\n    pass\n').safe, false);
    assert.equal(safety('def when_ready(server, worker):\n    pass\n').safe, false);
    assert.equal(safety('post_fork = lambda server: None\n').safe, false);
    // The new parameter would hide a module-level name the body may read.
    assert.equal(safety('from app import worker\n\ndef post_fork(server):\n    worker.reset()\n').safe, false);
  });
  test('hook names in a version that lacks the hook are left to unknown-setting', () => {
    assert.deepEqual(found('def dirty_post_fork(arbiter):\n    pass\n', '23.0.0'), ['unknown-setting@dirty_post_fork']);
  });
});

describe('unknown-log-atom', () => {
  test('scanner: escapes, width and flags, header atoms', () => {
    const kinds = scanLogFormat(`'%%(h)s %(h)-10s %({x}i)s %(a)r'`, 0).map((t) => t.kind);
    assert.deepEqual(kinds, ['atom', 'atom', 'atom']);
    assert.deepEqual(
      scanLogFormat(`'%(h)'`, 0).map((t) => t.kind),
      ['unterminated'],
    );
    assert.deepEqual(
      scanLogFormat(`'%(h'`, 0).map((t) => t.kind),
      ['unterminated'],
    );
  });
  test('Apache-style atoms are rewritten', () => {
    assert.deepEqual(found('access_log_format = "%h %r"\n'), ['unknown-log-atom@%h', 'unknown-log-atom@%r']);
    assert.equal(fixed('access_log_format = "%h %r"\n'), 'access_log_format = "%(h)s %(r)s"\n');
  });
  test('environment values and the default format are quiet', () => {
    assert.deepEqual(found('import os\naccess_log_format = os.environ.get("FMT", "%(x)s")\n'), []);
    assert.deepEqual(found(`access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'\n`), []);
  });
});

describe('duplicate-setting', () => {
  test('reports the later assignment with the first as related information', () => {
    const run = lint('workers = 2\nworkers = 3\n');
    assert.equal(run.findings.length, 1);
    assert.equal(run.findings[0].range.start, 'workers = 2\n'.length);
    assert.equal(run.findings[0].related?.[0].range.start, 0);
  });
  test('try/except fallbacks, if-arm overrides and increments are not duplicates', () => {
    assert.deepEqual(found('try:\n    workers = compute()\nexcept Exception:\n    workers = 2\n'), []);
    assert.deepEqual(found('import os\nworkers = 2\nif os.environ.get("BIG"):\n    workers = 8\n'), []);
    assert.deepEqual(found('workers = 2\nworkers += 1\n'), []);
  });
  test('a top-level assignment after an if-arm one does overwrite it', () => {
    assert.deepEqual(found('import os\nif os.environ.get("BIG"):\n    workers = 8\nworkers = 2\n'), ['duplicate-setting@workers']);
  });
});

describe('app-target-syntax', () => {
  test('path forms and their rewrites', () => {
    assert.deepEqual(pathLikeTarget('main.py:app'), { rewritten: 'main:app', folder: undefined });
    assert.deepEqual(pathLikeTarget('./src/api/main.py:create_app()'), { rewritten: 'main:create_app()', folder: 'src/api' });
    assert.deepEqual(pathLikeTarget('main.py'), { rewritten: 'main', folder: undefined });
    assert.equal(pathLikeTarget('myapp.wsgi:application'), undefined);
    assert.equal(pathLikeTarget('myapp.wsgi'), undefined);
  });
  test('no fix that would clash with an existing chdir', () => {
    const run = lint('chdir = "/srv"\nwsgi_app = "src/main:app"\n');
    assert.equal(run.findings.length, 1);
    assert.equal(firstFixes(run).length, 0);
  });
});

describe('timeout-band-aid', () => {
  test('thresholds and worker classes', () => {
    assert.deepEqual(found('timeout = 299\n'), []);
    assert.deepEqual(found('timeout = 300\n'), ['timeout-band-aid@300']);
    assert.deepEqual(found('worker_class = "gthread"\ntimeout = 0\n'), []);
    assert.deepEqual(found('import os\nworker_class = os.environ["W"]\ntimeout = 0\n'), []);
    assert.deepEqual(found('import os\ntimeout = int(os.environ.get("T", 900))\n'), []);
  });
});

describe('reload checks', () => {
  test('a negated development condition is production', () => {
    assert.deepEqual(found('import os\nif not os.environ.get("DEBUG"):\n    reload = True\n'), ['reload-in-production@reload']);
    assert.deepEqual(found('import os\nif os.environ.get("ENV") == "local":\n    reload = True\n'), []);
  });
  test('reload and preload in alternatives do not meet', () => {
    assert.deepEqual(found('import os\nif os.environ.get("DEV"):\n    reload = True\nelse:\n    preload_app = True\n'), []);
  });
});

describe('max-requests-no-jitter', () => {
  test('the jitter is a tenth, the fix is safe, indentation is kept', () => {
    const text = 'import os\nif os.environ.get("PROD"):\n    max_requests = 500\n';
    const run = lint(text);
    const [{ fix }] = firstFixes(run);
    assert.equal(fix.safe, true);
    assert.equal(applyEdits(text, fix.edits), 'import os\nif os.environ.get("PROD"):\n    max_requests = 500\n    max_requests_jitter = 50\n');
  });
  test('quiet when disabled or when jitter is set anywhere', () => {
    assert.deepEqual(found('max_requests = 0\n'), []);
    assert.deepEqual(found('import os\nmax_requests = 1000\nmax_requests_jitter = int(os.environ.get("J", "50"))\n'), []);
  });
});

describe('worker and thread checks', () => {
  test('worker_connections is used by gthread, including sync turned gthread by threads', () => {
    assert.deepEqual(found('worker_class = "gthread"\nworker_connections = 100\n'), []);
    assert.deepEqual(found('threads = 4\nworker_connections = 100\n'), ['threads-with-sync@threads']);
    assert.deepEqual(found('import os\nthreads = int(os.environ["T"])\nworker_connections = 100\n'), []);
  });
  test('a worker class set only in some arms is unknown; the same value in if and else is known', () => {
    assert.deepEqual(found('import os\nif os.environ.get("A"):\n    worker_class = "sync"\nworker_connections = 10\n'), []);
    assert.deepEqual(found('import os\nif os.environ.get("A"):\n    worker_class = "sync"\nelse:\n    worker_class = "sync"\nworker_connections = 10\n'), [
      'worker-connections-unused@worker_connections',
    ]);
  });
  test('the uvicorn H11 worker has its replacement too', () => {
    assert.equal(fixed("worker_class = 'uvicorn.workers.UvicornH11Worker'\n"), "worker_class = 'uvicorn_worker.UvicornH11Worker'\n");
  });
  test('unknown short names get the nearest built-in, dotted paths are trusted', () => {
    assert.equal(fixed('worker_class = "Gthread"\n'), 'worker_class = "gthread"\n');
    assert.deepEqual(found('worker_class = "myapp.workers.Custom"\n'), []);
    assert.deepEqual(found('worker_class = "myapp.workers."\n'), ['unknown-worker-class@"myapp.workers."']);
  });
});

describe('sigterm-override', () => {
  test('aliases of signal.signal', () => {
    assert.deepEqual(found('from signal import signal, SIGTERM\nsignal(SIGTERM, print)\n'), ['sigterm-override@signal(SIGTERM, print)']);
    assert.deepEqual(found('import signal as sig\nsig.signal(sig.SIGINT, print)\n'), ['sigterm-override@sig.signal(sig.SIGINT, print)']);
    assert.deepEqual(found('import signal\nsignal.signal(signal.SIGHUP, print)\n'), []);
  });
  test('the only statement of a block becomes pass', () => {
    const text = 'import os, signal\nif os.environ.get("X"):\n    signal.signal(signal.SIGTERM, print)\nworkers = 2\n';
    assert.equal(fixed(text), 'import os, signal\nif os.environ.get("X"):\n    pass\nworkers = 2\n');
  });
  test('no fix when the call is part of another statement', () => {
    const run = lint('import signal\nold = signal.signal(signal.SIGTERM, print)\n');
    assert.equal(run.findings.length, 1);
    assert.equal(firstFixes(run).length, 0);
  });
});

// forwarded-allow-all reads the effective bind of a deployment: deployment/rules/, tested in test/deployment (with
// the bind address helpers, now deployment/addresses.ts).

describe('robustness', () => {
  const pieces = [
    'workers = ',
    'timeout',
    ' = 0',
    '"%(h',
    ')s',
    'def post_fork(',
    'server',
    ')',
    ':\n    ',
    'signal.signal(signal.SIGTERM, f)',
    'if DEBUG:\n    ',
    'reload = True',
    '\n',
    'max_requests = 10',
    'bind = "0.0.0.0:1"',
    'forwarded_allow_ips = "*"',
    'lambda',
    ',',
    '"',
    "'",
    '(',
    '[',
    '{',
    '#',
    'threads = 9',
    'worker_class = "',
    'wsgi_app = "a/b.py:x"',
    '\\',
    'é',
    '𝔘',
  ];
  test('any text: no exception, every range and edit inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const run = lint(text);
        for (const finding of run.findings) {
          assert.ok(finding.range.start >= 0 && finding.range.start <= finding.range.end && finding.range.end <= text.length);
        }
        for (const { fix } of firstFixes(run)) {
          for (const edit of fix.edits) assert.ok(edit.range.start >= 0 && edit.range.end <= text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
