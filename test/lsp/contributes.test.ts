/**
 * The extension's manifest and client against the server: the files VS Code gives our languages (package.json
 * `contributes.languages`) and the Python files the client sends (documentSelector.ts) must be exactly the files
 * the server's formats claim, or a file would be linted by the CLI but never in the editor (or the reverse).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { documentSelector, GUNICORN_CONFIG_PATTERN, WATCHED_GLOBS } from '../../client/src/documentSelector';
import { globToRegExp } from '../../server/src/core/paths';
import { WATCHED_FILE_GLOBS } from '../../server/src/lsp/capabilities';
import { LanguageService, type FileSystemHost } from '../../server/src/service/languageService';
import { projectRoot } from './support/lspSession';

interface ContributedLanguage {
  id: string;
  extensions?: string[];
  filenames?: string[];
  filenamePatterns?: string[];
  configuration?: string;
}

/** The parts of the extension manifest (package.json) these tests read. */
interface Manifest {
  main: string;
  activationEvents: string[];
  contributes: {
    languages: ContributedLanguage[];
    grammars: { language: string; path: string }[];
    snippets: { path: string }[];
    configuration: { properties: Record<string, { additionalProperties?: { enum?: string[] } }> };
    commands: { command: string }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as Manifest;
const languages: ContributedLanguage[] = manifest.contributes.languages;

const SAMPLES = [
  '/ws/gunicorn.conf.py',
  '/ws/gunicorn_conf.py',
  '/ws/gunicorn.prod.conf.py',
  '/ws/deploy/gunicorn/prod.py',
  '/ws/gunicorn_config.py',
  '/ws/gunicorn.docker.conf.py',
  '/ws/deploy/gunicorn-cfg.py',
  '/ws/gunicorn.py',
  '/ws/gunicorn.conf',
  '/ws/app.py',
  '/ws/settings.py',
  '/ws/etc/nginx/nginx.conf',
  '/ws/nginx/conf.d/app.conf',
  '/ws/deploy/nginx/snippets/proxy.conf',
  '/ws/sites-available/app',
  '/ws/nginx-site.conf',
  '/ws/deploy/site_nginx.conf',
  '/ws/nginx.docker.conf',
  '/ws/deploy/app.nginx.conf',
  '/ws/mynginx.conf',
  '/ws/nginx/default',
  '/ws/sites-enabled/app.conf',
  '/ws/conf.d/upstream.conf',
  '/ws/site.nginx',
  '/ws/app.conf',
  '/ws/app.service',
  '/ws/app@.service',
  '/ws/app.socket',
  '/ws/app.target',
  '/ws/app.timer',
  '/ws/app.service.d/override.conf',
  '/ws/app.socket.d/override.conf',
  '/ws/Procfile',
  '/ws/deploy/Procfile.dev',
  '/ws/README.md',
];

/** `{a,b}` alternatives expanded, since our globToRegExp takes alternatives literally. */
function expandBraces(glob: string): string[] {
  const match = /\{([^{}]*)\}/.exec(glob);
  if (!match) return [glob];
  return match[1].split(',').flatMap((alt) => expandBraces(glob.slice(0, match.index) + alt + glob.slice(match.index + match[0].length)));
}

function globMatches(glob: string, file: string): boolean {
  // VS Code matches a pattern with a slash against the path and one without against the base name.
  const target = glob.includes('/') ? file : path.posix.basename(file);
  return expandBraces(glob).some((alt) => globToRegExp(alt).test(target));
}

/** The language VS Code gives a file from our contributions (plus its built-in `.py` -> python). */
function editorLanguage(file: string): string | undefined {
  const base = path.posix.basename(file);
  for (const language of languages) {
    if (language.filenames?.includes(base)) return language.id;
    if (language.extensions?.some((ext) => base.endsWith(ext))) return language.id;
    if (language.filenamePatterns?.some((glob) => globMatches(glob, file))) return language.id;
  }
  return base.endsWith('.py') ? 'python' : undefined;
}

/** What the client sends to the server, by its document selector. */
function sentToServer(file: string): string | undefined {
  const language = editorLanguage(file);
  const filters = documentSelector([]) as { language?: string; pattern?: string }[];
  const selected = filters.some((filter) => filter.language === language && (!filter.pattern || globMatches(filter.pattern, file)));
  return selected ? language : undefined;
}

const emptyDisk: FileSystemHost = { readFile: () => undefined, stat: () => undefined, readDirectory: () => [] };

test('every sample file is sent to the server exactly when a server format claims it, under the same language', async () => {
  const service = await LanguageService.create({ root: '/ws', fs: emptyDisk });
  const mismatches = SAMPLES.flatMap((file) => {
    const editor = sentToServer(file);
    const server = service.languageOf(file);
    return editor === server ? [] : [`${file}: editor sends ${editor ?? 'nothing'}, server claims ${server ?? 'nothing'}`];
  });
  assert.deepEqual(mismatches, []);
  // The samples really exercise every contributed language and the gunicorn pattern.
  const seen = new Set(SAMPLES.map(sentToServer));
  for (const id of ['python', 'nginx', 'systemd-unit-file', 'procfile']) assert.ok(seen.has(id), id);
});

test('the gunicorn pattern never selects other Python files', () => {
  for (const file of ['/ws/app.py', '/ws/settings.py', '/ws/tests/test_gunicorn.py', '/ws/gunicorn.py']) {
    assert.equal(globMatches(GUNICORN_CONFIG_PATTERN, file), false, file);
  }
});

test('activation covers every contributed language', () => {
  for (const language of languages) assert.ok(manifest.activationEvents.includes(`onLanguage:${language.id}`), language.id);
  assert.ok(manifest.activationEvents.includes('workspaceContains:**/Procfile'));
});

test('the client and the server watch the same files', () => {
  assert.deepEqual(WATCHED_GLOBS, WATCHED_FILE_GLOBS);
});

test('the manifest points at files that exist or that the build writes', () => {
  const root = projectRoot();
  const referenced = [
    ...languages.flatMap((l) => (l.configuration ? [l.configuration] : [])),
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
    ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
  ];
  const missing = referenced.filter((file: string) => !fs.existsSync(path.join(root, file)));
  assert.deepEqual(missing, []);
  assert.equal(manifest.main, './dist/extension.js');
  for (const grammar of manifest.contributes.grammars)
    assert.ok(
      languages.some((l) => l.id === grammar.language),
      grammar.language,
    );
});

test('the configuration contributes every setting the server reads, and the restart command', () => {
  const properties = Object.keys(manifest.contributes.configuration.properties).sort();
  for (const key of ['rules', 'gunicornVersion', 'nginxVersion', 'systemdVersion', 'gunicornConfigGlobs', 'trace.server']) {
    assert.ok(properties.includes(`gunicornLint.${key}`), key);
  }
  assert.deepEqual(manifest.contributes.configuration.properties['gunicornLint.rules'].additionalProperties?.enum, ['off', 'info', 'warning', 'error']);
  assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === 'gunicornLint.restartServer'));
});

test("compose files and manifests: sent as yaml (or the Docker extension's dockercompose) where the server claims them", async () => {
  const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';
  const files: Record<string, string> = {
    '/ws/compose.yaml': 'services:\n  web:\n    image: x\n',
    '/ws/docker-compose.prod.yml': 'services: {}\n',
    '/ws/k8s/web.yaml': manifest,
    '/ws/deploy/base/web.yml': manifest,
    '/ws/web-deployment.yaml': manifest,
    '/ws/k8s/values.yaml': 'replicas: 2\n',
    '/ws/.github/workflows/ci.yml': 'on: [push]\n',
    '/ws/mkdocs.yml': 'site_name: docs\n',
  };
  const disk: FileSystemHost = {
    readFile: (file) => files[file],
    stat: (file) => (file in files ? { isFile: true, isDirectory: false, size: files[file].length, mtimeMs: 1 } : undefined),
    readDirectory: () => [],
  } as FileSystemHost;
  const service = await LanguageService.create({ root: '/ws', fs: disk });
  const filters = documentSelector([]) as { language?: string; pattern?: string }[];
  const sends = (file: string, language: string) => filters.some((f) => f.language === language && (!f.pattern || globMatches(f.pattern, file)));
  for (const file of ['/ws/compose.yaml', '/ws/docker-compose.prod.yml']) {
    assert.equal(service.languageOf(file), 'dockercompose', file);
    assert.ok(sends(file, 'yaml') && sends(file, 'dockercompose'), file);
  }
  for (const file of ['/ws/k8s/web.yaml', '/ws/deploy/base/web.yml', '/ws/web-deployment.yaml']) {
    assert.equal(service.languageOf(file), 'yaml', file);
    assert.ok(sends(file, 'yaml'), file);
  }
  // Sent by its folder, but no manifest: the server claims nothing and says nothing.
  assert.ok(sends('/ws/k8s/values.yaml', 'yaml'));
  assert.equal(service.languageOf('/ws/k8s/values.yaml'), undefined);
  for (const file of ['/ws/.github/workflows/ci.yml', '/ws/mkdocs.yml']) {
    assert.ok(!sends(file, 'yaml'), file);
    assert.equal(service.languageOf(file), undefined, file);
  }
});

/**
 * VS Code's built-in languages that our Dockerfile and supervisord files fall under (from VS Code's own docker and
 * ini extensions), and its association rule: a file name first, then the longest matching file pattern, then the
 * extension (lower-cased), ours merged with the built-ins.
 */
const BUILTIN_LANGUAGES: ContributedLanguage[] = [
  {
    id: 'dockerfile',
    extensions: ['.dockerfile', '.containerfile'],
    filenames: ['Dockerfile', 'Containerfile'],
    filenamePatterns: ['Dockerfile.*', 'Containerfile.*'],
  },
  { id: 'ini', extensions: ['.ini'] },
  { id: 'properties', extensions: ['.conf', '.properties', '.cfg', '.directory', '.gitattributes', '.gitconfig', '.gitmodules', '.editorconfig', '.repo'] },
  { id: 'yaml', extensions: ['.yaml', '.yml'] },
  { id: 'python', extensions: ['.py'] },
];

function vsCodeLanguage(file: string): string | undefined {
  const base = path.posix.basename(file);
  const all = [...languages, ...BUILTIN_LANGUAGES];
  const byName = all.find((language) => language.filenames?.some((name) => name.toLowerCase() === base.toLowerCase()));
  if (byName) return byName.id;
  let best: { id: string; length: number } | undefined;
  for (const language of all) {
    for (const glob of language.filenamePatterns ?? []) {
      if (globMatches(glob, file) && (!best || glob.length > best.length)) best = { id: language.id, length: glob.length };
    }
  }
  if (best) return best.id;
  return all.find((language) => language.extensions?.some((ext) => base.toLowerCase().endsWith(ext)))?.id;
}

test("Dockerfiles and supervisord configs: sent under VS Code's dockerfile and ini languages exactly when the server claims them", async () => {
  const service = await LanguageService.create({ root: '/ws', fs: emptyDisk });
  const filters = documentSelector([]) as { language?: string; pattern?: string }[];
  const sent = (file: string) => {
    const language = vsCodeLanguage(file);
    return filters.some((f) => f.language === language && (!f.pattern || globMatches(f.pattern, file))) ? language : undefined;
  };
  const samples: [string, string | undefined][] = [
    ['/ws/Dockerfile', 'dockerfile'],
    ['/ws/Containerfile', 'dockerfile'],
    ['/ws/docker/api.Dockerfile', 'dockerfile'],
    ['/ws/docker/web.dockerfile', 'dockerfile'],
    ['/ws/Dockerfile.prod', 'dockerfile'],
    ['/ws/.dockerignore', undefined],
    ['/ws/supervisord.conf', 'ini'],
    ['/ws/deploy/supervisor/conf.d/web.conf', 'ini'],
    ['/ws/etc/supervisord/app.ini', 'ini'],
    ['/ws/web.supervisor.conf', 'ini'],
    ['/ws/pytest.ini', undefined],
    ['/ws/setup.cfg', undefined],
    ['/ws/conf.d/app.conf', 'nginx'],
  ];
  const mismatches = samples.flatMap(([file, language]) => {
    const editor = sent(file);
    const server = service.languageOf(file);
    return editor === language && server === language
      ? []
      : [`${file}: editor sends ${editor ?? 'nothing'}, server claims ${server ?? 'nothing'}, expected ${language ?? 'nothing'}`];
  });
  assert.deepEqual(mismatches, []);
});
