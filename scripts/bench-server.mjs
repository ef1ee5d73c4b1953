// The language server's own budget, measured over stdio against the bundled dist/server.js (run `npm run build`
// first): edit-to-diagnostics latency, memory under an edit burst, and indexing a large workspace. Each measurement is
// one exported function returning its figures; `node scripts/bench-server.mjs` runs them all and prints a table, and
// scripts/bench.mjs calls them for the README.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function scratch(files) {
  const dir = mkdtempSync(join(tmpdir(), 'gunicorn-lint-server-bench-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A server session over stdio; `pull` announces pull diagnostics (VS Code's way), else the server pushes. */
async function startServer(dir, { pull, workspace = pull }) {
  const server = process.env.GUNICORN_LINT_SERVER ?? join(root, 'dist/server.js');
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const listeners = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    for (const listener of listeners) listener(params);
  });
  connection.onRequest(() => null);
  connection.listen();
  const diagnostic = pull ? { textDocument: { diagnostic: { dynamicRegistration: false } } } : {};
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    capabilities: { ...diagnostic, workspace: { configuration: false, ...(workspace ? { diagnostics: { refreshSupport: true } } : {}) } },
  });
  connection.sendNotification('initialized', {});
  let version = 1;
  return {
    child,
    connection,
    open(file, text, languageId) {
      const uri = pathToFileURL(file).href;
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: ++version, text } });
      return uri;
    },
    change(uri, range, text) {
      connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text }] });
    },
    pull: (uri, previousResultId) => connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId }),
    /** Resolves with the next publishDiagnostics for `uri`. */
    nextPublish(uri) {
      return new Promise((resolve) => {
        const listener = (params) => {
          if (params.uri !== uri) return;
          listeners.delete(listener);
          resolve(params);
        };
        listeners.add(listener);
      });
    },
    rssMb: () => residentMb(child.pid),
    stop() {
      connection.dispose();
      child.kill();
    },
  };
}

/** The resident set of a process, from /proc (Linux); NaN elsewhere. */
function residentMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** An nginx site of about `lines` lines proxying to gunicorn's socket, with a gunicorn config and a unit beside it. */
function nginxDeployment(lines) {
  const out = ['upstream app {', '    server unix:/run/myapp/gunicorn.sock;', '    keepalive 8;', '}'];
  let i = 0;
  while (out.length < lines - 1) {
    out.push(
      'server {',
      `    listen 127.0.0.1:${9000 + i};`,
      `    server_name site${i}.example.com;`,
      '    client_max_body_size 10m;',
      '    location / {',
      '        proxy_pass http://app;',
      '        proxy_set_header Host $host;',
      '        proxy_set_header X-Forwarded-Proto $scheme;',
      '        proxy_read_timeout 30s;',
      '    }',
      '}',
    );
    i++;
  }
  return {
    'deploy/nginx/sites-available/myapp.conf': out.slice(0, lines).join('\n') + '\n',
    'gunicorn.conf.py': 'bind = "unix:/run/myapp/gunicorn.sock"\nworkers = 2\ntimeout = 30\n',
    'deploy/myapp.service': '[Service]\nRuntimeDirectory=myapp\nExecStart=/srv/myapp/.venv/bin/gunicorn -c /srv/myapp/gunicorn.conf.py myapp.wsgi:app\n',
    'myapp/__init__.py': '',
    'myapp/wsgi.py': 'def app(environ, start_response):\n    return []\n',
  };
}

/** The range of the timeout value on line 8 (the first server's proxy_read_timeout). */
const TIMEOUT_RANGE = { start: { line: 12, character: 27 }, end: { line: 12, character: 30 } };

/**
 * Re-check of a 500-line nginx config over stdio: the time from sending an edit to holding its diagnostics, for a
 * client that pulls (didChange + textDocument/diagnostic) and for one that is pushed to (didChange ->
 * publishDiagnostics). Medians of `runs` edits after `warm` edits of a fresh server: V8 is still optimising the
 * checks and the model over the first ~100 edits, so `pullWarm` is the pull again after `warmLong` edits, the
 * server as it is after a minute of typing. `floor` is the same transport's round trip for a request the server
 * refuses at once (no analysis): what any answer over stdio costs.
 */
export async function recheckOverStdio({ runs = 60, warm = 10, warmLong = 200 } = {}) {
  const files = nginxDeployment(500);
  const dir = scratch(files);
  const file = join(dir, 'deploy/nginx/sites-available/myapp.conf');
  const result = {};
  try {
    // pull: a client that sends the result id it holds (VS Code does), so diagnostics the edit did not change come
    // back as `unchanged`; pullFull: one that never does; push: publishDiagnostics after didChange.
    for (const mode of ['pull', 'pullFull', 'push', 'pullWarm']) {
      const push = mode === 'push';
      const server = await startServer(dir, { pull: !push });
      try {
        const uri = server.open(file, files['deploy/nginx/sites-available/myapp.conf'], 'nginx');
        const times = [];
        let resultId;
        const skip = mode === 'pullWarm' ? warmLong : warm;
        for (let i = 0; i < runs + skip; i++) {
          const value = `${30 + (i % 2)}s`;
          const start = now();
          if (!push) {
            server.change(uri, TIMEOUT_RANGE, value);
            const report = await server.pull(uri, mode === 'pullFull' ? undefined : resultId);
            if (report.kind === 'full' && !Array.isArray(report.items)) throw new Error('no diagnostic report');
            resultId = report.resultId;
          } else {
            const published = server.nextPublish(uri);
            server.change(uri, TIMEOUT_RANGE, value);
            await published;
          }
          if (i >= skip) times.push(now() - start);
          await sleep(push ? 150 : 20);
        }
        result[mode] = median(times);
        if (mode === 'pullWarm') {
          const floor = [];
          for (let i = 0; i < runs + warm; i++) {
            const start = now();
            await server.connection.sendRequest('$/gunicorn-lint/noop', {}).catch(() => undefined);
            if (i >= warm) floor.push(now() - start);
            await sleep(20);
          }
          result.floor = median(floor);
        }
      } finally {
        server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

/**
 * An edit burst (`rate` edits a second for `seconds`) on the 500-line nginx config from a pulling client that pulls
 * after each edit (one pull in flight at most, as VS Code does): the server's RSS before, at its peak, and `settleMs`
 * after the burst ended; how many pulls were answered.
 */
export async function editBurstMemory({ rate = 700, seconds = 10, settleMs = 10000 } = {}) {
  const files = nginxDeployment(500);
  const dir = scratch(files);
  const file = join(dir, 'deploy/nginx/sites-available/myapp.conf');
  const server = await startServer(dir, { pull: true });
  try {
    const uri = server.open(file, files['deploy/nginx/sites-available/myapp.conf'], 'nginx');
    await server.pull(uri);
    // A few edits first, so the figure before the burst is the server at work, not the server just started.
    for (let i = 0; i < 50; i++) {
      server.change(uri, TIMEOUT_RANGE, `${30 + (i % 2)}s`);
      await server.pull(uri);
    }
    await sleep(2000);
    const before = server.rssMb();
    let peak = before;
    let pulls = 0;
    let inFlight = false;
    const start = now();
    let sent = 0;
    while (now() - start < seconds * 1000) {
      const due = Math.floor(((now() - start) / 1000) * rate);
      for (; sent < due; sent++) {
        server.change(uri, TIMEOUT_RANGE, `${30 + (sent % 7)}s`);
        if (!inFlight) {
          inFlight = true;
          void server.pull(uri).then(() => {
            inFlight = false;
            pulls++;
          });
        }
      }
      if (sent % 500 < 10) peak = Math.max(peak, server.rssMb());
      await sleep(1);
    }
    await server.pull(uri);
    peak = Math.max(peak, server.rssMb());
    await sleep(settleMs);
    const after = server.rssMb();
    return { before, peak, after, edits: sent, pulls };
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A workspace of `count` files: deployments (config, unit, nginx site, app) and plain project files around them. */
function largeWorkspace(count) {
  const files = {};
  let n = 0;
  for (let i = 0; n < count; i++) {
    const name = `svc${String(i).padStart(4, '0')}`;
    const socket = `/run/${name}/gunicorn.sock`;
    files[`services/${name}/gunicorn.conf.py`] = `bind = "unix:${socket}"\nworkers = 2\ntimeout = 30\n`;
    files[`services/${name}/${name}.service`] = `[Service]\nRuntimeDirectory=${name}\nExecStart=/srv/${name}/.venv/bin/gunicorn -c /srv/${name}/gunicorn.conf.py ${name}.wsgi:app\n`;
    files[`services/${name}/nginx/${name}.conf`] = `server {\n    listen 80;\n    location / {\n        proxy_pass http://unix:${socket};\n        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-Proto $scheme;\n    }\n}\n`;
    files[`services/${name}/${name}/__init__.py`] = '';
    files[`services/${name}/${name}/wsgi.py`] = 'def app(environ, start_response):\n    return []\n';
    for (let k = 0; k < 5; k++) files[`services/${name}/${name}/views${k}.py`] = `def view_${k}(request):\n    return ${k}\n`;
    files[`services/${name}/README.md`] = `# ${name}\n`;
    files[`services/${name}/static/site.css`] = 'body { margin: 0 }\n';
    n += 12;
  }
  return files;
}

/**
 * A workspace of about `count` files indexed by the server: from `initialized` to the answer of the first
 * workspace/diagnostic (every file walked, claimed, parsed and checked, the deployment model built), and the
 * server's RSS then; also the time of a second pull that only confirms nothing changed.
 */
export async function indexLargeWorkspace({ count = 5000 } = {}) {
  const files = largeWorkspace(count);
  const dir = scratch(files);
  const server = await startServer(dir, { pull: true, workspace: true });
  try {
    const start = now();
    const first = await server.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] }).catch(async () => {
      // A server without workspace diagnostics (before they existed): one document pull walks and models it all.
      const uri = pathToFileURL(join(dir, 'services/svc0000/gunicorn.conf.py')).href;
      await server.pull(uri);
      return undefined;
    });
    const elapsed = now() - start;
    const rss = server.rssMb();
    if (!first) return { files: Object.keys(files).length, reports: 0, ms: elapsed, rssMb: rss, unchangedMs: Number.NaN, unchanged: 0 };
    const previousResultIds = first.items.filter((item) => item.resultId).map((item) => ({ uri: item.uri, value: item.resultId }));
    const again = now();
    const second = await server.connection.sendRequest('workspace/diagnostic', { previousResultIds });
    const unchangedMs = now() - again;
    return {
      files: Object.keys(files).length,
      reports: first.items.length,
      ms: elapsed,
      rssMb: rss,
      unchangedMs,
      unchanged: second.items.filter((item) => item.kind === 'unchanged').length,
    };
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows scripts/bench.mjs (or this script, run alone) prints. */
export async function serverRows() {
  const rows = [];
  const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  const mb = (value) => `${value.toFixed(0)} MB`;
  const recheck = await recheckOverStdio();
  rows.push({ what: 're-check of a 500-line nginx config over stdio, edit to diagnostics (pull with the result id held, as VS Code)', figure: ms(recheck.pull), target: '≤ 5 ms' });
  rows.push({ what: 'the same, a client that never sends its result id (full report every time)', figure: ms(recheck.pullFull), target: '≤ 5 ms' });
  rows.push({ what: 'the same, pushed (publishDiagnostics after didChange)', figure: ms(recheck.push), target: '≤ 5 ms' });
  rows.push({ what: 'the same pull after 200 edits (V8 done optimising)', figure: ms(recheck.pullWarm), target: '≤ 5 ms' });
  rows.push({ what: 'the transport alone: round trip of a request refused at once, no analysis', figure: ms(recheck.floor), target: '' });
  const burst = await editBurstMemory();
  rows.push({
    what: `RSS under an edit burst (${burst.edits} edits in 10 s, ${burst.pulls} pulls answered): before, peak, 10 s after`,
    figure: `${mb(burst.before)}, ${mb(burst.peak)}, ${mb(burst.after)}`,
    target: 'after ≤ before + 10%',
  });
  const index = await indexLargeWorkspace();
  rows.push({ what: `${index.files}-file workspace: initialized to the first workspace/diagnostic answer (${index.reports} files reported)`, figure: ms(index.ms), target: '≤ 2000 ms' });
  rows.push({ what: 'the same: server RSS after indexing', figure: mb(index.rssMb), target: '≤ 150 MB' });
  rows.push({ what: `the same: a second workspace/diagnostic, nothing changed (${index.unchanged} unchanged)`, figure: ms(index.unchangedMs), target: '' });
  return rows;
}

/** The rows as the README's "Server" table (Markdown). */
export async function serverTable() {
  const rows = await serverRows();
  return ['| measurement | figure | target |', '|---|---|---|', ...rows.map((r) => `| ${r.what} | ${r.figure} | ${r.target} |`)].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv[2];
  if (only) {
    const functions = { recheckOverStdio, editBurstMemory, indexLargeWorkspace };
    console.log(JSON.stringify(await functions[only](), null, 2));
  } else {
    console.log(await serverTable());
  }
}
