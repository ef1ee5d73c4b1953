/** setup.cfg requirements and lock files (poetry.lock, uv.lock, Pipfile.lock) giving exact versions. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Project } from '../../server/src/core/format';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { findRequirements, gunicornVersionFromRequirements, parseLockFile, parseSetupCfg } from '../../server/src/formats/requirements';

function memoryProject(root: string, files: Record<string, string>): Project {
  const full = new Map(Object.entries(files).map(([name, text]) => [path.join(root, name), text]));
  const paths = [...full.keys()].sort();
  const under = (dir: string) => paths.filter((file) => file.startsWith(dir + path.sep));
  return {
    root,
    settings: DEFAULT_SETTINGS,
    readFile: (p) => full.get(p),
    exists: (p) => full.has(p) || under(p).length > 0,
    isDirectory: (p) => under(p).length > 0,
    listDirectory: (dir) => [...new Set(under(dir).map((file) => file.slice(dir.length + 1).split(path.sep)[0]))].sort(),
    workspaceFiles: () => paths,
    parsed: () => undefined,
  };
}

test('setup.cfg: install_requires lines and extras, names normalised, ranges on the requirement', () => {
  const text = [
    '[metadata]',
    'name = myapp',
    '[options]',
    'packages = find:',
    'install_requires =',
    '    Flask>=2.0',
    '    gunicorn[gevent]>=21,<24  # the server',
    '    Uvicorn_Worker==0.2.0; python_version >= "3.8"',
    '',
    '[options.extras_require]',
    'dev = pytest, black',
    '[flake8]',
    'max-line-length = 100',
  ].join('\n');
  const requirements = parseSetupCfg(text, '/w/setup.cfg');
  assert.deepEqual(
    requirements.map((r) => [r.name, r.specifier, r.pinned ?? null]),
    [
      ['flask', '>=2.0', null],
      ['gunicorn', '>=21,<24', null],
      ['uvicorn-worker', '==0.2.0', '0.2.0'],
      ['pytest', '', null],
      ['black', '', null],
    ],
  );
  assert.equal(text.slice(requirements[1].range.start, requirements[1].range.end), 'gunicorn[gevent]>=21,<24');
  assert.deepEqual(requirements[1].extras, ['gevent']);
});

test('lock files: poetry.lock and uv.lock blocks, Pipfile.lock JSON; bad input gives []', () => {
  const poetry =
    '[[package]]\nname = "Gunicorn"\nversion = "23.0.0"\ndescription = "x"\n\n[package.dependencies]\npackaging = "*"\n\n[[package]]\nname = "gevent"\nversion = "24.2.1"\n';
  assert.deepEqual(
    parseLockFile(poetry, '/w/poetry.lock').map((p) => [p.name, p.version, poetry.slice(p.range.start, p.range.end)]),
    [
      ['gunicorn', '23.0.0', 'Gunicorn'],
      ['gevent', '24.2.1', 'gevent'],
    ],
  );
  const uv =
    'version = 1\n\n[[package]]\nname = "uvicorn-worker"\nversion = "0.3.0"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [\n    { name = "gunicorn" },\n]\n';
  assert.deepEqual(
    parseLockFile(uv, '/w/uv.lock').map((p) => [p.name, p.version]),
    [['uvicorn-worker', '0.3.0']],
  );
  const pipfileLock = JSON.stringify({
    _meta: {},
    default: { gunicorn: { version: '==22.0.0' }, 'git-pkg': { git: 'x' } },
    develop: { Pytest: { version: '==8.0.0' } },
  });
  assert.deepEqual(
    parseLockFile(pipfileLock, '/w/Pipfile.lock').map((p) => [p.name, p.version]),
    [
      ['gunicorn', '22.0.0'],
      ['pytest', '8.0.0'],
    ],
  );
  assert.deepEqual(parseLockFile('{not json', '/w/Pipfile.lock'), []);
});

test('findRequirements: a lock file pins what the manifest leaves loose, and adds what it installs besides', () => {
  const root = path.resolve('/ws-lock');
  const project = memoryProject(root, {
    'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\ngunicorn = "^23.0"\nflask = "3.0.0"\n',
    'poetry.lock':
      '[[package]]\nname = "gunicorn"\nversion = "23.0.0"\n\n[[package]]\nname = "flask"\nversion = "3.0.0"\n\n[[package]]\nname = "gevent"\nversion = "24.2.1"\n',
    'deploy/gunicorn.conf.py': '',
  });
  const info = findRequirements(project, path.join(root, 'deploy/gunicorn.conf.py'));
  assert.equal(gunicornVersionFromRequirements(info), '23.0.0');
  assert.equal(info?.packages.get('gunicorn')?.lockedIn, path.join(root, 'poetry.lock'));
  assert.equal(info?.packages.get('gunicorn')?.path, path.join(root, 'pyproject.toml'));
  assert.equal(info?.packages.get('flask')?.lockedIn, undefined, 'the manifest pins flask itself');
  assert.equal(info?.packages.get('gevent')?.pinned, '24.2.1');
  assert.ok(info?.files.includes(path.join(root, 'poetry.lock')));
});

test('findRequirements: setup.cfg counts only when it declares requirements', () => {
  const root = path.resolve('/ws-cfg');
  const project = memoryProject(root, {
    'requirements.txt': 'gunicorn==22.0.0\n',
    'app/setup.cfg': '[flake8]\nmax-line-length = 100\n',
    'app/gunicorn.conf.py': '',
    'lib/setup.cfg': '[options]\ninstall_requires =\n  gunicorn==21.2.0\n',
    'lib/gunicorn.conf.py': '',
  });
  assert.equal(gunicornVersionFromRequirements(findRequirements(project, path.join(root, 'app/gunicorn.conf.py'))), '22.0.0');
  assert.equal(gunicornVersionFromRequirements(findRequirements(project, path.join(root, 'lib/gunicorn.conf.py'))), '21.2.0');
});

test('fuzz: setup.cfg and lock readers never throw and keep ranges inside the text', () => {
  const pieces = [
    '[options]',
    '[[package]]',
    '[package.x]',
    'install_requires =',
    'name = "a"',
    'version = "1"',
    '\n',
    '  ',
    'gunicorn',
    '>=1',
    ',',
    '[',
    ']',
    '"',
    '#',
    ';',
    '{',
    '}',
    '==',
    'x',
  ];
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom(...pieces), maxLength: 30 }),
      fc.constantFrom('/w/setup.cfg', '/w/poetry.lock', '/w/uv.lock', '/w/Pipfile.lock'),
      (text, file) => {
        const ranges = file.endsWith('setup.cfg') ? parseSetupCfg(text, file).map((r) => r.range) : parseLockFile(text, file).map((p) => p.range);
        for (const range of ranges) assert.ok(0 <= range.start && range.start <= range.end && range.end <= text.length);
      },
    ),
    { numRuns: 400 },
  );
});
