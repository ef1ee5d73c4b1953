import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Project } from '../../server/src/core/format';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import {
  findRequirements,
  gunicornVersionFromRequirements,
  normalisePackageName,
  parsePipfile,
  parsePyproject,
  parseRequirementsTxt,
  type Requirement,
} from '../../server/src/formats/requirements';

const slice = (text: string, requirement: Requirement) => text.slice(requirement.range.start, requirement.range.end);

test('PEP 503 normalisation', () => {
  assert.equal(normalisePackageName('Uvicorn_Worker'), 'uvicorn-worker');
  assert.equal(normalisePackageName('zope.interface'), 'zope-interface');
  assert.equal(normalisePackageName('A__b--c..D'), 'a-b-c-d');
});

test('requirements.txt: pins, extras, markers, comments, options, continuation', () => {
  const text = [
    '# production requirements',
    '--index-url https://pypi.org/simple',
    '-e git+https://github.com/x/y.git#egg=y',
    'Django>=4.2,<5  # web framework',
    'gunicorn[gevent,setproctitle]==23.0.0 ; python_version < "3.13"',
    'uvicorn-worker \\',
    '    ==0.2.0',
    'requests==2.*',
    'psycopg[binary] (>=3.1)',
    './local-package',
    'https://example.com/pkg.whl',
    'attrs==23.1.0 --hash=sha256:abc',
    '',
  ].join('\r\n');
  const reqs = parseRequirementsTxt(text, '/srv/app/requirements.txt');
  assert.deepEqual(
    reqs.map((r) => [r.name, r.specifier, r.pinned, r.extras]),
    [
      ['django', '>=4.2,<5', undefined, []],
      ['gunicorn', '==23.0.0', '23.0.0', ['gevent', 'setproctitle']],
      ['uvicorn-worker', '==0.2.0', '0.2.0', []],
      ['requests', '==2.*', undefined, []],
      ['psycopg', '>=3.1', undefined, ['binary']],
      ['attrs', '==23.1.0', '23.1.0', []],
    ],
  );
  for (const r of reqs) assert.equal(slice(text, r), r.rawName);
  assert.equal(reqs[1].path, '/srv/app/requirements.txt');
});

test('requirements.txt: -r includes are followed, cycles and depth are bounded', () => {
  const files: Record<string, string> = {
    '/p/requirements.txt': '-r base.txt\nflask==3.0.0\n',
    '/p/base.txt': '--requirement=common/more.txt\ngunicorn==22.0.0\n-r requirements.txt\n',
    '/p/common/more.txt': '-r ../base.txt\ngevent\n',
  };
  let reads = 0;
  const read = (p: string) => {
    reads++;
    return files[p];
  };
  const reqs = parseRequirementsTxt(files['/p/requirements.txt'], '/p/requirements.txt', read);
  assert.deepEqual(
    reqs.map((r) => r.name),
    ['gevent', 'gunicorn', 'flask'],
  );
  assert.equal(reads, 2, 'each file is read once, the cycle back to base.txt and requirements.txt is not followed');
  assert.equal(reqs[0].path, '/p/common/more.txt');

  // A chain of 8 files: only 5 levels of includes are followed.
  const chain: Record<string, string> = {};
  for (let i = 0; i < 8; i++) chain[`/c/r${i}.txt`] = `-r r${i + 1}.txt\npkg${i}\n`;
  const deep = parseRequirementsTxt(chain['/c/r0.txt'], '/c/r0.txt', (p) => chain[p]);
  assert.deepEqual(deep.map((r) => r.name).sort(), ['pkg0', 'pkg1', 'pkg2', 'pkg3', 'pkg4', 'pkg5']);
});

test('requirements.txt: binary junk and huge lines give no exception and no bogus names', () => {
  let junk = '';
  for (let i = 0; i < 5000; i++) junk += String.fromCharCode((i * 7919) % 65536);
  assert.doesNotThrow(() => parseRequirementsTxt(junk, '/x/requirements.txt'));
  const long = 'a'.repeat(50_000) + '\\\n' + 'b'.repeat(50_000) + '\ngunicorn==21.2.0\n';
  const reqs = parseRequirementsTxt(long, '/x/requirements.txt');
  assert.deepEqual(
    reqs.map((r) => r.name),
    ['gunicorn'],
  );
  assert.deepEqual(parseRequirementsTxt('\u0000\u0001\u0002PK\u0003\u0004', '/x/r.txt'), []);
});

test('pyproject: PEP 621 dependencies and optional groups, dependency-groups, uv and pdm dev groups', () => {
  const text = `[project]
name = "shop"
dependencies = [
  "Gunicorn[gevent]==23.0.0 ; python_version < '3.13'",
  'fastapi>=0.110',
]

[project.optional-dependencies]
asgi = ["uvicorn_worker~=0.2"]

[dependency-groups]
test = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff"]

[tool.uv]
dev-dependencies = ["mypy==1.10.0"]

[tool.pdm.dev-dependencies]
docs = ["mkdocs"]
`;
  const reqs = parsePyproject(text, '/p/pyproject.toml');
  assert.deepEqual(
    reqs.map((r) => [r.name, r.specifier, r.pinned ?? null]),
    [
      ['gunicorn', '==23.0.0', '23.0.0'],
      ['fastapi', '>=0.110', null],
      ['uvicorn-worker', '~=0.2', null],
      ['pytest', '>=8', null],
      ['ruff', '', null],
      ['mypy', '==1.10.0', '1.10.0'],
      ['mkdocs', '', null],
    ],
  );
  assert.deepEqual(reqs[0].extras, ['gevent']);
  for (const r of reqs) assert.equal(slice(text, r), r.rawName, r.name);
});

test('pyproject: Poetry caret, exact, table and group forms; python is not a package', () => {
  const text = `[tool.poetry]
name = "shop"

[tool.poetry.dependencies]
python = "^3.11"
gunicorn = "23.0.0"
django = "^5.0"
"uvicorn-worker" = {version = "0.2.0", extras = ["standard"]}
celery = "*"

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"

[tool.poetry.dependencies.gevent]
version = "==24.2.1"
`;
  const reqs = parsePyproject(text, '/p/pyproject.toml');
  const byName = new Map(reqs.map((r) => [r.name, r]));
  assert.equal(byName.has('python'), false);
  assert.equal(byName.get('gunicorn')?.pinned, '23.0.0');
  assert.equal(byName.get('django')?.specifier, '^5.0');
  assert.equal(byName.get('django')?.pinned, undefined);
  assert.equal(byName.get('uvicorn-worker')?.pinned, '0.2.0');
  assert.deepEqual(byName.get('uvicorn-worker')?.extras, ['standard']);
  assert.equal(byName.get('celery')?.specifier, '');
  assert.equal(byName.get('pytest')?.specifier, '^8.0');
  assert.equal(byName.get('gevent')?.pinned, '24.2.1');
  for (const r of reqs) assert.equal(slice(text, r), r.rawName, r.name);
});

test('pyproject and Pipfile: bad TOML gives [] without throwing', () => {
  assert.deepEqual(parsePyproject('[project\ndependencies = ["gunicorn==23.0.0"', '/p/pyproject.toml'), []);
  assert.deepEqual(parsePipfile('[packages\ngunicorn = ', '/p/Pipfile'), []);
  assert.deepEqual(parsePyproject('\u0000\u0001\uffff', '/p/pyproject.toml'), []);
  assert.deepEqual(parsePyproject('project = 5\n[tool]\npoetry = "x"\n', '/p/pyproject.toml'), []);
});

test('Pipfile: packages and dev-packages', () => {
  const text = `[[source]]
url = "https://pypi.org/simple"

[packages]
gunicorn = "==22.0.0"
Flask = "*"
gevent = {version = ">=24", extras = ["recommended"]}
bare = "1.0"

[dev-packages]
pytest = "*"
`;
  const reqs = parsePipfile(text, '/p/Pipfile');
  assert.deepEqual(
    reqs.map((r) => [r.name, r.specifier, r.pinned ?? null]),
    [
      ['gunicorn', '==22.0.0', '22.0.0'],
      ['flask', '', null],
      ['gevent', '>=24', null],
      ['bare', '1.0', null],
      ['pytest', '', null],
    ],
  );
  for (const r of reqs) assert.equal(slice(text, r), r.rawName);
});

function memoryProject(root: string, files: Record<string, string>): Project {
  const all = new Map(Object.entries(files).map(([p, t]) => [path.resolve(root, p), t]));
  const dirs = new Set<string>();
  for (const file of all.keys()) {
    for (let d = path.dirname(file); ; d = path.dirname(d)) {
      dirs.add(d);
      if (d === path.dirname(d)) break;
    }
  }
  return {
    root,
    settings: DEFAULT_SETTINGS,
    readFile: (p) => all.get(path.resolve(p)),
    exists: (p) => all.has(path.resolve(p)) || dirs.has(path.resolve(p)),
    isDirectory: (p) => dirs.has(path.resolve(p)),
    listDirectory: (p) => {
      const base = path.resolve(p);
      const names = new Set<string>();
      for (const entry of [...all.keys(), ...dirs]) {
        if (path.dirname(entry) === base && entry !== base) names.add(path.basename(entry));
      }
      return [...names].sort();
    },
    workspaceFiles: () => [...all.keys()],
    parsed: () => undefined,
  };
}

test('findRequirements: walks up to the nearest folder with requirement files and merges them', () => {
  const root = path.resolve('/ws');
  const project = memoryProject(root, {
    'requirements.txt': 'gunicorn==20.1.0\n',
    'services/api/pyproject.toml': '[project]\ndependencies = ["fastapi"]\n',
    'services/api/requirements/prod.txt': '-r base.txt\ngunicorn==23.0.0\n',
    'services/api/requirements/base.txt': 'uvicorn-worker\n',
    'services/api/deploy/gunicorn.conf.py': 'workers = 2\n',
    'services/web/gunicorn.conf.py': 'workers = 2\n',
  });
  const api = findRequirements(project, path.join(root, 'services/api/deploy/gunicorn.conf.py'));
  assert.ok(api);
  assert.deepEqual([...api.packages.keys()].sort(), ['fastapi', 'gunicorn', 'uvicorn-worker']);
  assert.equal(gunicornVersionFromRequirements(api), '23.0.0');
  assert.ok(api.files.includes(path.join(root, 'services/api/requirements/base.txt')));

  const web = findRequirements(project, path.join(root, 'services/web/gunicorn.conf.py'));
  assert.equal(gunicornVersionFromRequirements(web), '20.1.0');
  assert.deepEqual(web?.files, [path.join(root, 'requirements.txt')]);

  const empty = memoryProject(root, { 'app/gunicorn.conf.py': '' });
  assert.equal(findRequirements(empty, path.join(root, 'app/gunicorn.conf.py')), undefined);
});

test('gunicornVersionFromRequirements: only exact pins count', () => {
  const root = path.resolve('/ws2');
  for (const [text, expected] of [
    ['gunicorn==23.0.0\n', '23.0.0'],
    ['gunicorn===22.0.0\n', '22.0.0'],
    ['gunicorn>=23\n', undefined],
    ['gunicorn==23.*\n', undefined],
    ['gunicorn~=23.0\n', undefined],
    ['flask\n', undefined],
  ] as const) {
    const info = findRequirements(memoryProject(root, { 'requirements.txt': text }), path.join(root, 'x.py'));
    assert.equal(gunicornVersionFromRequirements(info), expected, text);
  }
});
