/**
 * The oracle's corpus and judge, shared by test/nginx/oracle.test.ts (which requires full agreement) and
 * scripts/nginx-agreement.mjs (which prints the agreement figures per nginx table). Debian's `nginx -t` judges
 * snippets x mutations, the probes of oracle-cases.json, our class cases (oracle-classes.ts) and every fixture.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/findings';
import { nginxRules } from '../../server/src/formats/nginx';
import { folderProject, lint } from './project';
import { CLASS_CASES } from './oracle-classes';

export const DEBIAN_MODULES_DIR = '/usr/lib/nginx/modules';

export function moduleInstalled(name: string): boolean {
  return fs.existsSync(path.join(DEBIAN_MODULES_DIR, `ngx_${name}_module.so`));
}

export function nginxAvailable(): boolean {
  try {
    execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

export const SNIPPETS: string[] = [
  `server {\n    listen 127.0.0.1:8081;\n    server_name app.example.com;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-Proto $scheme;\n    }\n}\n`,
  `upstream app {\n    server 127.0.0.1:8000;\n    keepalive 16;\n}\nserver {\n    listen 127.0.0.1:8082;\n    location / {\n        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n        proxy_pass http://app;\n        proxy_read_timeout 120s;\n    }\n}\n`,
  `server {\n    listen 127.0.0.1:8083 default_server;\n    client_max_body_size 20m;\n    gzip on;\n    gzip_types text/css application/json;\n    location /static/ {\n        alias /srv/app/static/;\n        expires 30d;\n    }\n    location = /health { return 200 "ok"; }\n}\n`,
  `map $http_upgrade $connection_upgrade {\n    default upgrade;\n    '' close;\n}\nserver {\n    listen 127.0.0.1:8084;\n    location /ws {\n        proxy_pass http://unix:/run/app.sock;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection $connection_upgrade;\n    }\n}\n`,
  `log_format timed '$remote_addr "$request" $status $request_time';\nlimit_req_zone $binary_remote_addr zone=one:10m rate=5r/s;\nserver {\n    listen 127.0.0.1:8085;\n    access_log off;\n    location ~ "^/api/v[0-9]{1,2}/" {\n        limit_req zone=one burst=10 nodelay;\n        proxy_pass http://127.0.0.1:8000;\n    }\n    location @fallback { return 502; }\n}\n`,
  `server {\n    listen 127.0.0.1:8086;\n    set_real_ip_from 10.0.0.0/8;\n    real_ip_header X-Forwarded-For;\n    add_header X-Frame-Options DENY;\n    location / {\n        try_files $uri @app;\n    }\n    location @app {\n        add_header Cache-Control no-store;\n        proxy_pass http://127.0.0.1:8000;\n    }\n    if ($request_method = POST) {\n        return 405;\n    }\n}\n`,
  `events {\n    worker_connections 256;\n}\nworker_processes auto;\nhttp {\n    sendfile on;\n    keepalive_timeout 65;\n    server {\n        listen 127.0.0.1:8087;\n        location / { root /var/www; index index.html; }\n    }\n}\n`,
  `server {\n    listen 127.0.0.1:8088;\n    rewrite ^/old/(.*)$ /new/$1 permanent;\n    location /files {\n        limit_except GET { deny all; }\n        root /srv;\n    }\n    location ~* \\.(css|js)$ { expires 7d; }\n    error_page 500 502 503 504 /50x.html;\n}\n`,
];

type Mutation = (text: string, seed: number) => string | undefined;

function nth<T>(items: T[], seed: number): T | undefined {
  return items.length ? items[seed % items.length] : undefined;
}

function indexesOf(text: string, ch: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) out.push(i);
  return out;
}

export const MUTATIONS: Mutation[] = [
  (t) => t,
  (t, s) => {
    const i = nth(indexesOf(t, ';'), s);
    return i === undefined ? undefined : t.slice(0, i) + t.slice(i + 1);
  },
  (t, s) => {
    const i = nth(indexesOf(t, '}'), s);
    return i === undefined ? undefined : t.slice(0, i) + t.slice(i + 1);
  },
  (t, s) => {
    const i = nth(indexesOf(t, '{'), s);
    return i === undefined ? undefined : t.slice(0, i) + t.slice(i + 1);
  },
  (t) => t + '}\n',
  (t, s) => {
    const i = nth(indexesOf(t, '"'), s);
    return i === undefined ? undefined : t.slice(0, i) + t.slice(i + 1);
  },
  (t, s) => {
    const lines = t.split('\n');
    const i = s % lines.length;
    const m = /^(\s*)(\w+)/.exec(lines[i]);
    if (!m) return undefined;
    lines[i] = lines[i].replace(m[2], m[2] + 'x');
    return lines.join('\n');
  },
  (t, s) => {
    const lines = t.split('\n');
    const i = s % lines.length;
    if (!/;\s*$/.test(lines[i]) || /[{}]/.test(lines[i])) return undefined;
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  },
  (t) => t.replace(/gzip on/, 'gzip maybe').replace(/sendfile on/, 'sendfile yes'),
  (t) => t.replace(/(server_name [^;]*;)/, '$1\n    proxy_pass http://127.0.0.1:9000;'),
  (t) => t.replace(/(location [^{]*\{)/, '$1\n        server { listen 127.0.0.1:9999; }'),
  (t) => t.replace(/client_max_body_size 20m/, 'client_max_body_size 20X').replace(/proxy_read_timeout 120s/, 'proxy_read_timeout soon'),
  (t) => t.replace(/listen ([^;]*);/, 'listen;'),
  (t) => t.replace(/proxy_http_version 1.1/, 'proxy_http_version 3'),
  (t) => t.replace(/keepalive_timeout 65/, 'keepalive_timeout 65 30 10'),
  (t) => t.replace(/location \/ \{/, 'location / {\n        # note {with braces}; in a comment\n        root /a#b;'),
  (t) => t.replace(/"\^\/api\/v\[0-9\]\{1,2\}\/"/, '^/api/v[0-9]{1,2}/'),
  (t, s) => {
    const i = nth(indexesOf(t, '\n'), s);
    return i === undefined ? undefined : t.slice(0, i) + " 'oops" + t.slice(i);
  },
  (t) => t.replace(/return 405;/, 'return 405\n'),
  (t) => t.replace(/(listen [^;]*;)/, '$1\n    sendfile on;\n    sendfile off;'),
];

export interface Case {
  name: string;
  text: string;
  relative: string;
  /** A multi-file scenario: relative path -> text. */
  files?: Record<string, string>;
  /** The Debian dynamic modules the case loads; the case is left out where they are not installed. */
  needs?: string[];
  /** Linted without the files that include it: the context is our guess. */
  isolated?: boolean;
  /** The class of issue 9 it probes (our own cases in oracle-classes.ts). */
  class?: string;
}

/** `socketDir` stands in for the probes' `/tmp/probeB`: nginx -t binds unix sockets, so their folder must exist. */
export function buildCorpus(socketDir: string): Case[] {
  const cases: Case[] = [];
  const seen = new Set<string>();
  SNIPPETS.forEach((snippet, si) => {
    MUTATIONS.forEach((mutate, mi) => {
      for (let seed = 0; seed < 3; seed++) {
        const text = mutate(snippet, seed * 7 + si);
        if (text === undefined || seen.has(text)) continue;
        seen.add(text);
        cases.push({ name: `s${si}-m${mi}-${seed}`, text, relative: `conf.d/s${si}-m${mi}-${seed}.conf` });
      }
    });
  });
  // Fragments probing the arguments nginx's own directive handlers parse (listen, return, error_page, times,
  // regexes, ...), valid and invalid: test/nginx/oracle-cases.json.
  const probes = path.join(__dirname, '..', '..', '..', 'test', 'nginx', 'oracle-cases.json');
  (JSON.parse(fs.readFileSync(probes, 'utf8')) as string[]).forEach((probe, i) => {
    const text = probe.split('/tmp/probeB/').join(`${socketDir}/`);
    if (seen.has(text)) return;
    seen.add(text);
    cases.push({ name: `probe-${i}`, text, relative: `conf.d/probe-${i}.conf` });
  });
  // Our own cases for the classes we once missed (oracle-classes.ts), each with look-alikes nginx accepts.
  CLASS_CASES.forEach((item, i) => {
    if (item.needs && !item.needs.every(moduleInstalled)) return;
    const name = `class-${item.class}-${i}`;
    if (item.files) cases.push({ name, text: '', relative: '', files: item.files, needs: item.needs, isolated: item.isolated, class: item.class });
    else cases.push({ name, text: item.text!, relative: `conf.d/${name}.conf`, needs: item.needs, class: item.class });
  });
  // Every fixture scenario as a unit (its files include and reference each other), and its .fixed variant.
  const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'nginx');
  const list = (dir: string, out: string[] = []): string[] => {
    for (const name of fs.readdirSync(dir).sort()) {
      // envsubst templates are rendered before nginx reads them: nginx never judges them as written.
      if (name === '.fixed' || name.endsWith('.template')) continue;
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) list(full, out);
      else out.push(full);
    }
    return out;
  };
  if (fs.existsSync(fixtures)) {
    for (const scenario of fs.readdirSync(fixtures).sort()) {
      const root = path.join(fixtures, scenario);
      const files: Record<string, string> = {};
      for (const file of list(root)) files[path.relative(root, file)] = fs.readFileSync(file, 'utf8');
      if (Object.keys(files).length === 0) continue;
      cases.push({ name: `fixture-${scenario}`, text: '', relative: '', files });
      const fixedRoot = path.join(root, '.fixed');
      if (fs.existsSync(fixedRoot)) {
        const fixedFiles = { ...files };
        for (const file of list(fixedRoot)) fixedFiles[path.relative(fixedRoot, file)] = fs.readFileSync(file, 'utf8');
        cases.push({ name: `fixture-${scenario}-fixed`, text: '', relative: '', files: fixedFiles });
      }
    }
  }
  return cases;
}

export function runNginx(dir: string, main: string): Promise<{ rc: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('nginx', ['-t', '-c', main, '-p', dir + '/', '-g', `pid ${dir}/nginx.pid; error_log stderr;`], { timeout: 10000 }, (error, _stdout, stderr) => {
      resolve({ rc: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr: String(stderr) });
    });
  });
}

const ERROR_RULES = new Set(nginxRules.filter((r) => r.severity === 'error').map((r) => r.id));

export interface Verdict {
  name: string;
  class?: string;
  /** nginx -t accepted the case. */
  accepted: boolean;
  /** Our errors agree: none where nginx accepts, one on nginx's line where it refuses. */
  agree: boolean;
  /** What disagrees, for the test's message. */
  detail?: string;
}

/** Runs nginx -t on every case and lints it with the given nginx table; `parallel` cases at once. */
export async function judgeCorpus(nginxVersion: string, options: { parallel?: number; filter?: (c: Case) => boolean } = {}): Promise<Verdict[]> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-oracle-'));
  const verdicts: Verdict[] = [];
  try {
    const socketDir = path.join(base, 'sockets');
    fs.mkdirSync(socketDir);
    const cases = buildCorpus(socketDir).filter(options.filter ?? (() => true));
    let next = 0;
    const worker = async () => {
      while (next < cases.length) verdicts.push(await judgeCase(base, cases[next++], nginxVersion));
    };
    await Promise.all(Array.from({ length: options.parallel ?? 6 }, worker));
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  return verdicts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function judgeCase(base: string, item: Case, nginxVersion: string): Promise<Verdict> {
  const dir = path.join(base, item.name.replace(/[^\w.-]/g, '_'));
  const texts: Record<string, string> = item.files ?? { [item.relative]: item.text };
  for (const [rel, text] of Object.entries(texts)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const rels = Object.keys(texts).sort();
  const mainRel = rels.find((rel) => /^\s*events\s*\{/m.test(texts[rel]));
  const main = mainRel ? path.join(dir, mainRel) : path.join(dir, 'wrapper.conf');
  if (!mainRel) fs.writeFileSync(main, `events {}\nhttp {\n${rels.map((rel) => `    include ${path.join(dir, rel)};\n`).join('')}}\n`);
  const { rc, stderr } = await runNginx(dir, main);
  const project = folderProject(item.files && !item.isolated ? dir : path.join(base, '__none__'), { nginxVersion });
  const results = new Map<string, { text: string; findings: Finding[] }>();
  for (const rel of rels) results.set(path.join(dir, rel), { text: texts[rel], findings: lint(project, path.join(dir, rel), texts[rel]).findings });
  const isError = (f: Finding) => (f.severity ?? (ERROR_RULES.has(f.rule) ? 'error' : 'warning')) === 'error';
  const describeAll = () =>
    [...results]
      .flatMap(([file, r]) =>
        r.findings.filter(isError).map((e) => `${path.basename(file)}:${e.rule}@${new LineIndex(r.text).positionAt(e.range.start).line + 1}: ${e.message}`),
      )
      .join('; ');
  const verdict = (accepted: boolean, detail?: string): Verdict => ({ name: item.name, class: item.class, accepted, agree: detail === undefined, detail });
  if (rc === 0) {
    const all = describeAll();
    return verdict(true, all ? `${item.name}: nginx ok, we report ${all}` : undefined);
  }
  const match = /\[emerg\] .* in (\S+):(\d+)$/m.exec(stderr);
  const result = match ? results.get(match[1]) : undefined;
  if (!match || !result) return verdict(false, `${item.name}: nginx failed without a line in our files: ${stderr.trim()}`);
  const line = Number(match[2]) - 1;
  const index = new LineIndex(result.text);
  // Failures that depend on the server (DNS, files outside the repository) are our warnings/information.
  const environmental = /host not found in upstream|open\(\) ".*" failed/.test(stderr);
  const candidates = environmental ? result.findings : result.findings.filter(isError);
  const hit = candidates.some((e) => index.positionAt(e.range.start).line <= line && line <= index.positionAt(e.range.end).line);
  return verdict(false, hit ? undefined : `${item.name}: nginx says "${stderr.trim().split('\n')[0]}", we report ${describeAll() || 'no error'}`);
}

export interface Agreement {
  refused: number;
  refusedFlagged: number;
  accepted: number;
  acceptedClean: number;
}

export function agreement(verdicts: readonly Verdict[]): Agreement {
  const refused = verdicts.filter((v) => !v.accepted);
  const accepted = verdicts.filter((v) => v.accepted);
  return {
    refused: refused.length,
    refusedFlagged: refused.filter((v) => v.agree).length,
    accepted: accepted.length,
    acceptedClean: accepted.filter((v) => v.agree).length,
  };
}
