#!/usr/bin/env node
// Writes a realistic, deterministic deployment repository for benchmarks: a monorepo of gunicorn services (Flask,
// Django, Falcon, plain WSGI), each with its gunicorn.conf.py, app package, requirements, tests, templates and
// static files, a systemd unit (some socket-activated, some under ops/systemd/), a few Dockerfiles and Procfiles,
// and nginx sites included from ops/nginx/nginx.conf. Some services carry deliberate faults, listed in the result
// (and printed with --json) with the check expected to report each one and the file it is reported in: the list is
// meant to be exactly what the linter reports on this repository (the rest of it is clean).
//
// Same arguments, same bytes: no clock, no randomness but a seeded generator.
// Usage: node scripts/make-bench-repo.mjs DIR [--files 1000] [--seed 1] [--json]
// In code: import { makeBenchRepo } from './make-bench-repo.mjs'; makeBenchRepo(dir, { files: 1000 })
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A small seeded generator (mulberry32): deterministic across platforms and Node versions. */
function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

const NAMES = [
  'billing', 'catalog', 'checkout', 'inventory', 'accounts', 'search', 'reports', 'notify', 'shipping', 'pricing',
  'reviews', 'media', 'auth', 'ledger', 'payouts', 'support', 'analytics', 'gateway', 'orders', 'profiles',
  'coupons', 'returns', 'warehouse', 'tickets', 'webhooks', 'exports', 'imports', 'audit', 'scheduler', 'partners',
];
const FRAMEWORKS = ['flask', 'django', 'falcon', 'wsgi'];
const GUNICORN_VERSIONS = ['20.1.0', '21.2.0', '22.0.0', '23.0.0'];
const SQLALCHEMY_VERSIONS = ['1.4.46', '1.4.52', '2.0.30', '2.0.36'];
const ENTITIES = ['user', 'order', 'item', 'invoice', 'payment', 'address', 'session', 'event', 'note', 'tag', 'price', 'stock'];

/**
 * Which faults service `i` carries, each with the check that should report it and the file it is reported in
 * (relative to the repository). Chosen by index so the mix is the same for every size.
 */
function faultsOf(i) {
  const faults = [];
  if (i % 5 === 1) faults.push('preload-db-pool');
  if (i % 5 === 2) faults.push('bind-mismatch');
  if (i % 5 === 3) faults.push('proxy-timeout');
  if (i % 7 === 6) faults.push('unknown-setting');
  if (i % 9 === 8) faults.push('kill-mode');
  if (i % 11 === 10) faults.push('proxy-headers');
  return faults;
}

const FAULT_RULES = {
  'preload-db-pool': { rule: 'gunicorn/preload-db-pool', file: 'config' },
  'bind-mismatch': { rule: 'deploy/bind-mismatch', file: 'site' },
  'proxy-timeout': { rule: 'deploy/proxy-timeout', file: 'site' },
  'unknown-setting': { rule: 'gunicorn/unknown-setting', file: 'config' },
  'kill-mode': { rule: 'systemd/kill-mode', file: 'unit' },
  'proxy-headers': { rule: 'nginx/proxy-headers', file: 'site' },
};

function serviceName(i) {
  const base = NAMES[i % NAMES.length];
  return i < NAMES.length ? base : `${base}${Math.floor(i / NAMES.length) + 1}`;
}

// --- the files of one service ------------------------------------------------------------------------------------

function describeService(i, random) {
  const name = serviceName(i);
  const faults = faultsOf(i);
  // Django opens its connections lazily (not at import), so the preload fault goes to a SQLAlchemy app.
  const framework = faults.includes('preload-db-pool') && FRAMEWORKS[i % FRAMEWORKS.length] === 'django' ? 'flask' : FRAMEWORKS[i % FRAMEWORKS.length];
  // A database at import: every service with the preload fault, and some others (without preload: no fault).
  const database = faults.includes('preload-db-pool') || framework === 'django' || i % 3 === 0;
  const tcp = i % 4 === 3 && !faults.includes('preload-db-pool');
  const socketActivated = !tcp && i % 6 === 5;
  return {
    i,
    name,
    pkg: name.replace(/[^a-z0-9]/g, '_'),
    framework,
    faults,
    database,
    tcp,
    port: 8000 + i,
    socketActivated,
    socket: `/run/${name}/gunicorn.sock`,
    workers: random.pick([2, 3, 4, 5, 8]),
    threads: random.pick([1, 1, 2, 4]),
    timeout: faults.includes('proxy-timeout') ? random.pick([90, 120, 180]) : random.pick([30, 30, 45, 60]),
    gunicorn: GUNICORN_VERSIONS[i % GUNICORN_VERSIONS.length],
    sqlalchemy: SQLALCHEMY_VERSIONS[(i >> 1) % SQLALCHEMY_VERSIONS.length],
    unitInOps: i % 2 === 1,
    // A Procfile's platform picks the port ($PORT): no nginx site can be judged against it, so no bind fault there.
    host: i % 8 === 7 ? 'docker' : i % 13 === 9 && !faults.includes('bind-mismatch') ? 'procfile' : 'systemd',
    entities: Array.from({ length: random.int(2, 4) }, (_, k) => ENTITIES[(i + k * 5) % ENTITIES.length]).filter(
      (entity, k, all) => all.indexOf(entity) === k,
    ),
  };
}

function gunicornConf(s) {
  const lines = [`# Gunicorn settings for ${s.name} (production).`, 'import os', ''];
  const target = s.framework === 'django' ? `${s.pkg}.wsgi:application` : `${s.pkg}.wsgi:app`;
  lines.push(`wsgi_app = "${target}"`);
  lines.push(s.tcp ? `bind = "127.0.0.1:${s.port}"` : s.socketActivated ? '# bound by the systemd socket unit' : `bind = "unix:${s.socket}"`);
  lines.push(`workers = int(os.environ.get("WEB_CONCURRENCY", ${s.workers}))`);
  if (s.faults.includes('unknown-setting')) lines.push('workers_class = "gthread"  # meant: worker_class');
  else if (s.threads > 1) lines.push('worker_class = "gthread"');
  if (s.threads > 1) lines.push(`threads = ${s.threads}`);
  lines.push(`timeout = ${s.timeout}`, 'graceful_timeout = 30', 'keepalive = 5');
  lines.push('max_requests = 2000', 'max_requests_jitter = 200');
  if (s.faults.includes('preload-db-pool')) lines.push('preload_app = True');
  lines.push('accesslog = "-"', 'errorlog = "-"', 'loglevel = "info"', 'forwarded_allow_ips = "127.0.0.1"', '');
  lines.push('', 'def on_starting(server):', `    server.log.info("starting ${s.name}")`, '');
  lines.push('', 'def worker_int(worker):', '    worker.log.info("worker interrupted")', '');
  return lines.join('\n');
}

function requirements(s) {
  const lines = [`gunicorn==${s.gunicorn}`];
  if (s.framework === 'flask') lines.push('Flask==3.0.3', 'Werkzeug==3.0.4');
  if (s.framework === 'django') lines.push('Django==4.2.16', 'psycopg2-binary==2.9.10');
  if (s.framework === 'falcon') lines.push('falcon==3.1.3');
  if (s.database && s.framework !== 'django') lines.push(`SQLAlchemy==${s.sqlalchemy}`, 'psycopg2-binary==2.9.10');
  lines.push('requests==2.32.3', 'python-dotenv==1.0.1');
  return lines.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())).join('\n') + '\n';
}

function dbModule(s) {
  return [
    `"""Database access for ${s.name}."""`,
    'import os',
    '',
    'from sqlalchemy import create_engine, text',
    'from sqlalchemy.orm import sessionmaker',
    '',
    `DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://${s.name}@localhost/${s.name}")`,
    '',
    'engine = create_engine(DATABASE_URL, pool_size=5, max_overflow=10, pool_pre_ping=True)',
    'Session = sessionmaker(bind=engine)',
    '',
    '',
    'def ping():',
    '    with engine.connect() as connection:',
    '        return connection.execute(text("SELECT 1")).scalar()',
    '',
  ].join('\n');
}

function wsgiModule(s) {
  const db = s.database ? `from ${s.pkg}.db import engine, Session  # noqa: F401  (the engine is made at import)\n` : '';
  switch (s.framework) {
    case 'flask':
      return `"""WSGI entry point for ${s.name}: gunicorn ${s.pkg}.wsgi:app."""\nfrom flask import Flask\n\n${db}from ${s.pkg}.views import register\n\napp = Flask(__name__)\napp.config.from_object("${s.pkg}.settings")\nregister(app)\n`;
    case 'django':
      return `"""WSGI config for ${s.name}."""\nimport os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${s.pkg}.settings")\n\napplication = get_wsgi_application()\n`;
    case 'falcon':
      return `"""WSGI entry point for ${s.name}."""\nimport falcon\n\n${db}from ${s.pkg}.views import register\n\napp = falcon.App()\nregister(app)\n`;
    default:
      return `"""A plain WSGI app for ${s.name}."""\nimport json\n\n${db}\ndef app(environ, start_response):\n    body = json.dumps({"service": "${s.name}", "path": environ.get("PATH_INFO", "/")}).encode()\n    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])\n    return [body]\n`;
  }
}

function settingsModule(s) {
  if (s.framework === 'django') {
    return [
      `"""Django settings for ${s.name}."""`,
      'import os',
      '',
      'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
      'DEBUG = False',
      `ALLOWED_HOSTS = ["${s.name}.example.com"]`,
      `ROOT_URLCONF = "${s.pkg}.urls"`,
      `WSGI_APPLICATION = "${s.pkg}.wsgi.application"`,
      'INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", ' + `"${s.pkg}"]`,
      'DATABASES = {',
      '    "default": {',
      '        "ENGINE": "django.db.backends.postgresql",',
      `        "NAME": "${s.name}",`,
      '        "CONN_MAX_AGE": 60,',
      '    }',
      '}',
      'STATIC_URL = "/static/"',
      `STATIC_ROOT = "/srv/${s.name}/static"`,
      '',
    ].join('\n');
  }
  return `"""Settings for ${s.name}, from the environment."""\nimport os\n\nSECRET_KEY = os.environ.get("SECRET_KEY", "dev")\nDEBUG = False\nJSON_SORT_KEYS = False\n`;
}

function viewModule(s, entity) {
  if (s.framework === 'django') {
    return `from django.http import JsonResponse\n\n\ndef list_${entity}s(request):\n    return JsonResponse({"${entity}s": []})\n\n\ndef get_${entity}(request, pk):\n    return JsonResponse({"id": pk})\n`;
  }
  if (s.framework === 'falcon') {
    const cls = entity[0].toUpperCase() + entity.slice(1);
    return `import falcon\n\n\nclass ${cls}Resource:\n    def on_get(self, req, resp):\n        resp.media = {"${entity}s": []}\n        resp.status = falcon.HTTP_200\n`;
  }
  return `from flask import Blueprint, jsonify\n\nbp = Blueprint("${entity}s", __name__, url_prefix="/${entity}s")\n\n\n@bp.get("/")\ndef list_${entity}s():\n    return jsonify(${entity}s=[])\n\n\n@bp.get("/<int:pk>")\ndef get_${entity}(pk):\n    return jsonify(id=pk)\n`;
}

function viewsInit(s) {
  if (s.framework === 'flask') {
    const imports = s.entities.map((e) => `from ${s.pkg}.views.${e}s import bp as ${e}s_bp`).join('\n');
    return `${imports}\n\n\ndef register(app):\n${s.entities.map((e) => `    app.register_blueprint(${e}s_bp)`).join('\n')}\n`;
  }
  if (s.framework === 'falcon') {
    const imports = s.entities.map((e) => `from ${s.pkg}.views.${e}s import ${e[0].toUpperCase() + e.slice(1)}Resource`).join('\n');
    return `${imports}\n\n\ndef register(app):\n${s.entities.map((e) => `    app.add_route("/${e}s", ${e[0].toUpperCase() + e.slice(1)}Resource())`).join('\n')}\n`;
  }
  return '';
}

function modelModule(s, entity) {
  const cls = entity[0].toUpperCase() + entity.slice(1);
  if (s.framework === 'django') {
    return `from django.db import models\n\n\nclass ${cls}(models.Model):\n    name = models.CharField(max_length=200)\n    created = models.DateTimeField(auto_now_add=True)\n`;
  }
  return `from dataclasses import dataclass, field\nfrom datetime import datetime\n\n\n@dataclass\nclass ${cls}:\n    id: int\n    name: str\n    created: datetime = field(default_factory=datetime.utcnow)\n`;
}

function testModule(s, entity) {
  return `from ${s.pkg}.models.${entity} import ${entity[0].toUpperCase() + entity.slice(1)}\n\n\ndef test_${entity}_has_a_name():\n    assert ${entity[0].toUpperCase() + entity.slice(1)}(id=1, name="x").name == "x"\n`;
}

function execStart(s) {
  return `/srv/${s.name}/.venv/bin/gunicorn -c /srv/${s.name}/gunicorn.conf.py`;
}

function unit(s) {
  const lines = ['[Unit]', `Description=${s.name} (gunicorn)`, 'After=network.target'];
  if (s.socketActivated) lines.push(`Requires=${s.name}.socket`);
  lines.push('', '[Service]', 'Type=notify');
  lines.push(`User=${s.name}`, 'Group=www-data', `WorkingDirectory=/srv/${s.name}`);
  if (!s.socketActivated && !s.tcp) lines.push(`RuntimeDirectory=${s.name}`);
  lines.push(`EnvironmentFile=-/etc/${s.name}/env`, `Environment=DATABASE_URL=postgresql://${s.name}@db.internal/${s.name}`);
  lines.push(`ExecStart=${execStart(s)}`, 'ExecReload=/bin/kill -s HUP $MAINPID');
  lines.push(s.faults.includes('kill-mode') ? 'KillMode=process' : 'KillMode=mixed');
  lines.push('TimeoutStopSec=45', 'PrivateTmp=true', 'LimitNOFILE=65536', 'Restart=on-failure', '', '[Install]', 'WantedBy=multi-user.target', '');
  return lines.join('\n');
}

function socketUnit(s) {
  return ['[Unit]', `Description=${s.name} socket`, '', '[Socket]', `ListenStream=${s.socket}`, 'SocketUser=www-data', 'SocketMode=0660', '', '[Install]', 'WantedBy=sockets.target', ''].join('\n');
}

function nginxSite(s) {
  const mismatch = s.faults.includes('bind-mismatch');
  // The mismatch: the socket (or port) the site was written for before gunicorn's bind was changed.
  const target = s.tcp ? `127.0.0.1:${mismatch ? s.port + 1000 : s.port}` : `unix:${mismatch ? `/run/${s.name}/app.sock` : s.socket}`;
  const headers = s.faults.includes('proxy-headers')
    ? ['        proxy_set_header Host $host;']
    : [
        '        proxy_set_header Host $host;',
        '        proxy_set_header X-Real-IP $remote_addr;',
        '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
        '        proxy_set_header X-Forwarded-Proto $scheme;',
      ];
  const read = s.faults.includes('proxy-timeout') ? '30s' : `${s.timeout + 10}s`;
  return [
    `upstream ${s.pkg}_app {`,
    `    server ${target} fail_timeout=0;`,
    '}',
    '',
    'server {',
    '    listen 80;',
    `    server_name ${s.name}.example.com;`,
    '    client_max_body_size 10m;',
    '',
    '    location /static/ {',
    `        alias /srv/${s.name}/static/;`,
    '        expires 7d;',
    '    }',
    '',
    '    location / {',
    ...headers,
    '        proxy_redirect off;',
    `        proxy_read_timeout ${read};`,
    `        proxy_pass http://${s.pkg}_app;`,
    '    }',
    '}',
    '',
  ].join('\n');
}

function dockerfile(s) {
  return `FROM python:3.12-slim\nWORKDIR /srv/${s.name}\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER nobody\nEXPOSE ${s.port}\nCMD ["gunicorn", "-c", "gunicorn.conf.py", "--bind", "0.0.0.0:${s.port}"]\n`;
}

/** The files every service has (path relative to the repository -> text), and where its faults are reported. */
function serviceFiles(s) {
  const root = `services/${s.name}`;
  const files = new Map();
  const put = (path, text) => files.set(path, text);
  const config = `${root}/gunicorn.conf.py`;
  const site = `ops/nginx/sites-enabled/${s.name}.conf`;
  const unitPath = s.unitInOps ? `ops/systemd/${s.name}.service` : `${root}/deploy/${s.name}.service`;
  put(config, gunicornConf(s));
  put(`${root}/requirements.txt`, requirements(s));
  put(`${root}/README.md`, `# ${s.name}\n\nServed by gunicorn ${s.gunicorn} behind nginx (${s.tcp ? `127.0.0.1:${s.port}` : s.socket}).\n`);
  put(`${root}/${s.pkg}/__init__.py`, `"""${s.name} service."""\n`);
  put(`${root}/${s.pkg}/wsgi.py`, wsgiModule(s));
  put(`${root}/${s.pkg}/settings.py`, settingsModule(s));
  if (s.database && s.framework !== 'django') put(`${root}/${s.pkg}/db.py`, dbModule(s));
  if (s.framework === 'django') {
    put(`${root}/manage.py`, `#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${s.pkg}.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n`);
    put(`${root}/${s.pkg}/urls.py`, `from django.urls import path\n\nfrom ${s.pkg}.views import ${s.entities.map((e) => `${e}s`).join(', ')}\n\nurlpatterns = [\n${s.entities.map((e) => `    path("${e}s/", ${e}s.list_${e}s),`).join('\n')}\n]\n`);
  }
  if (s.framework !== 'wsgi') {
    put(`${root}/${s.pkg}/views/__init__.py`, viewsInit(s));
    for (const entity of s.entities) put(`${root}/${s.pkg}/views/${entity}s.py`, viewModule(s, entity));
  }
  put(`${root}/${s.pkg}/models/__init__.py`, '');
  for (const entity of s.entities) put(`${root}/${s.pkg}/models/${entity}.py`, modelModule(s, entity));
  put(`${root}/tests/__init__.py`, '');
  for (const entity of s.entities) put(`${root}/tests/test_${entity}.py`, testModule(s, entity));
  if (s.host === 'docker') put(`${root}/Dockerfile`, dockerfile(s));
  else if (s.host === 'procfile') put(`${root}/Procfile`, `web: gunicorn -c gunicorn.conf.py\n`);
  else put(unitPath, unit(s));
  if (s.socketActivated && s.host === 'systemd') put(unitPath.replace(/\.service$/, '.socket'), socketUnit(s));
  put(site, nginxSite(s));
  const where = { config, site, unit: unitPath };
  const faults = s.faults
    // A fault that needs the unit is only there when systemd runs the service.
    .filter((fault) => FAULT_RULES[fault].file !== 'unit' || s.host === 'systemd')
    .map((fault) => ({ service: s.name, fault, rule: FAULT_RULES[fault].rule, file: where[FAULT_RULES[fault].file] }));
  // What a fault brings along, reported by other checks: a HUP reload under preload runs old code; the misspelt
  // worker_class leaves `threads` with the default sync worker.
  if (s.faults.includes('preload-db-pool') && s.host === 'systemd') {
    faults.push({ service: s.name, fault: 'preload-db-pool', rule: 'deploy/preload-reload', file: unitPath });
  }
  if (s.faults.includes('unknown-setting') && s.threads > 1) {
    faults.push({ service: s.name, fault: 'unknown-setting', rule: 'gunicorn/threads-with-sync', file: config });
  }
  return { files, faults };
}

/** Files a repository has beside the code: templates, styles, docs, migrations. Cycled to reach the exact count. */
function fillerFile(s, n) {
  const root = `services/${s.name}`;
  const entity = s.entities[n % s.entities.length];
  switch (n % 5) {
    case 0:
      return [`${root}/${s.pkg}/templates/${entity}_${n}.html`, `<!doctype html>\n<title>${s.name}: ${entity} ${n}</title>\n<main>{{ ${entity} }}</main>\n`];
    case 1:
      return [`${root}/static/css/${entity}_${n}.css`, `.${entity}-${n} { margin: ${n % 16}px; color: #${((n * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}; }\n`];
    case 2:
      return [`${root}/docs/${entity}_${n}.md`, `# ${entity} (${n})\n\nHow ${s.name} handles ${entity}s.\n`];
    case 3:
      return [`${root}/migrations/${String(n).padStart(4, '0')}_${entity}.sql`, `CREATE TABLE IF NOT EXISTS ${entity}_${n} (id SERIAL PRIMARY KEY, name TEXT NOT NULL);\n`];
    default:
      return [`${root}/static/js/${entity}_${n}.js`, `export function load${n}() {\n  return fetch('/${entity}s/').then((r) => r.json());\n}\n`];
  }
}

function topLevelFiles(services) {
  const files = new Map();
  files.set('README.md', `# Platform services\n\n${services.map((s) => `- ${s.name} (${s.framework})`).join('\n')}\n`);
  files.set('.gitignore', '__pycache__/\n.venv/\n*.pyc\n');
  files.set(
    'ops/nginx/nginx.conf',
    [
      'user www-data;',
      'worker_processes auto;',
      'pid /run/nginx.pid;',
      '',
      'events {',
      '    worker_connections 1024;',
      '}',
      '',
      'http {',
      '    sendfile on;',
      '    tcp_nopush on;',
      '    keepalive_timeout 65;',
      '    types_hash_max_size 2048;',
      '    server_tokens off;',
      '    access_log /var/log/nginx/access.log;',
      '    error_log /var/log/nginx/error.log;',
      '    gzip on;',
      '',
      '    # Requests for a name no site serves are closed (forged Host values never reach an app).',
      '    server {',
      '        listen 80 default_server;',
      '        server_name _;',
      '        return 444;',
      '    }',
      '',
      '    include sites-enabled/*.conf;',
      '}',
      '',
    ].join('\n'),
  );
  return files;
}

/**
 * Writes the repository into `dir` (created if needed; it must be empty) and returns what it wrote.
 * @param {string} dir
 * @param {{ files?: number, seed?: number }} [options]
 * @returns {{ dir: string, files: string[], services: { name: string, framework: string }[], faults: { service: string, fault: string, rule: string, file: string }[] }}
 */
export function makeBenchRepo(dir, options = {}) {
  const total = options.files ?? 1000;
  const random = generator(options.seed ?? 1);
  const serviceCount = Math.max(1, Math.floor(total / 40));
  const services = Array.from({ length: serviceCount }, (_, i) => describeService(i, random));
  const files = topLevelFiles(services);
  const faults = [];
  for (const s of services) {
    const service = serviceFiles(s);
    for (const [path, text] of service.files) files.set(path, text);
    faults.push(...service.faults);
  }
  if (files.size > total) throw new Error(`${total} files are too few for ${serviceCount} services (${files.size} needed)`);
  for (let n = 0; files.size < total; n++) {
    const [path, text] = fillerFile(services[n % services.length], n);
    files.set(path, text);
  }
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty`);
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    const file = join(target, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, files.get(path));
  }
  return {
    dir: target,
    files: paths,
    services: services.map((s) => ({ name: s.name, framework: s.framework })),
    faults,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const files = Number(option('--files') ?? 1000);
  const seed = Number(option('--seed') ?? 1);
  const json = args.includes('--json');
  const dir = args.find((arg) => !arg.startsWith('--'));
  if (!dir || !Number.isInteger(files) || files < 40) {
    console.error('usage: node scripts/make-bench-repo.mjs DIR [--files N>=40] [--seed S] [--json]');
    process.exit(2);
  }
  const result = makeBenchRepo(dir, { files, seed });
  if (json) console.log(JSON.stringify(result, null, 2));
  else console.log(`${result.files.length} files, ${result.services.length} services, ${result.faults.length} deliberate faults in ${result.dir}`);
}
