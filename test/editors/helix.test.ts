/**
 * The README's Helix recipe (Debian has no Helix to run it): the block parses as TOML (smol-toml), uses only the keys
 * Helix documents, keeps Helix's own servers where it adds ours (Helix replaces a language's server list), and routes
 * the sample deployment's files the way Helix's file-type rules would: the nginx site, the unit and the gunicorn
 * config to gunicorn-lint, a plain app.py not. Then the block's own command is started and spoken to as Helix would
 * (initialize, didOpen with the language id Helix sends), and each routed file must get its finding pushed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { repoRoot } from '../support/repo';
import {
  HELIX_BUILTIN_GRAMMARS,
  HELIX_BUILTIN_LANGUAGES,
  HELIX_BUILTIN_SERVERS,
  HELIX_FILE_TYPE_TABLE_KEYS,
  HELIX_INDENT_KEYS,
  HELIX_LANGUAGE_KEYS,
  HELIX_LANGUAGE_SERVER_KEYS,
  HELIX_LANGUAGE_SERVER_REFERENCE_KEYS,
  HELIX_NEW_LANGUAGE_REQUIRED_KEYS,
  HELIX_TOP_LEVEL_KEYS,
  helixGlobMatches,
} from './support/helixLanguagesKeys';
import { recipeForThisCheckout } from './support/readmeRecipes';
import { EXPECTED_CODES, removeSample, writeSample, type SampleLabel } from './support/sampleDeployment';

// smol-toml is an ES module with a CommonJS build; this project compiles to CommonJS (see formats/requirements/toml.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require('smol-toml') as typeof SmolToml;

type Table = Record<string, unknown>;
const SERVER = 'gunicorn-lint';

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(table: Table, allowed: readonly string[]): string[] {
  return Object.keys(table).filter((key) => !allowed.includes(key));
}

function recipe(): { languages: Table[]; servers: Record<string, Table>; top: Table } {
  const top = parse(recipeForThisCheckout('helix')) as Table;
  const languages = (top.language ?? []) as unknown[];
  const servers = (top['language-server'] ?? {}) as unknown;
  assert.ok(Array.isArray(languages) && languages.every(isTable), '[[language]] entries are tables');
  assert.ok(isTable(servers) && Object.values(servers).every(isTable), '[language-server.NAME] entries are tables');
  return { top, languages, servers: servers as Record<string, Table> };
}

/** A language's server names, whichever form each entry takes. */
function serverNames(language: Table): string[] {
  const list = (language['language-servers'] ?? []) as unknown[];
  return list.map((entry) => (isTable(entry) ? String(entry.name) : String(entry)));
}

/** The language Helix gives a file: a glob match first, else an extension; the recipe's entries merged over Helix's. */
function helixLanguageOf(filePath: string, languages: Table[]): { name: string; languageId: string; servers: string[] } | undefined {
  const merged = new Map<string, { globs: string[]; extensions: string[]; servers: string[]; languageId: string }>();
  for (const [name, builtin] of Object.entries(HELIX_BUILTIN_LANGUAGES)) {
    merged.set(name, { globs: [...builtin.globs], extensions: [...builtin.extensions], servers: [...builtin.servers], languageId: name });
  }
  for (const language of languages) {
    const name = String(language.name);
    const entry = merged.get(name) ?? { globs: [], extensions: [], servers: [], languageId: name };
    if (Array.isArray(language['file-types'])) {
      const fileTypes = language['file-types'] as unknown[];
      entry.globs = fileTypes.filter(isTable).map((fileType) => String(fileType.glob));
      entry.extensions = fileTypes.filter((fileType): fileType is string => typeof fileType === 'string');
    }
    if (language['language-servers'] !== undefined) entry.servers = serverNames(language);
    if (typeof language['language-id'] === 'string') entry.languageId = language['language-id'];
    merged.set(name, entry);
  }
  const posix = filePath.split(path.sep).join('/');
  const byGlob = [...merged].find(([, entry]) => entry.globs.some((glob) => helixGlobMatches(glob, posix)));
  const extension = path.extname(filePath).slice(1);
  const found = byGlob ?? [...merged].find(([, entry]) => entry.extensions.includes(extension));
  return found && { name: found[0], languageId: found[1].languageId, servers: found[1].servers };
}

test('README Helix recipe: valid TOML with only the keys Helix documents', () => {
  const { top, languages, servers } = recipe();
  assert.deepEqual(unknownKeys(top, HELIX_TOP_LEVEL_KEYS), [], 'top-level keys');
  for (const language of languages) {
    const name = String(language.name);
    assert.deepEqual(unknownKeys(language, HELIX_LANGUAGE_KEYS), [], `[[language]] ${name}: keys`);
    if (isTable(language.indent)) assert.deepEqual(unknownKeys(language.indent, HELIX_INDENT_KEYS), [], `${name}: indent keys`);
    for (const fileType of (language['file-types'] ?? []) as unknown[]) {
      if (isTable(fileType)) assert.deepEqual(unknownKeys(fileType, HELIX_FILE_TYPE_TABLE_KEYS), [], `${name}: file-types entry`);
      else assert.equal(typeof fileType, 'string', `${name}: file-types entry is a string or a { glob } table`);
    }
    for (const reference of (language['language-servers'] ?? []) as unknown[]) {
      if (isTable(reference)) assert.deepEqual(unknownKeys(reference, HELIX_LANGUAGE_SERVER_REFERENCE_KEYS), [], `${name}: language-servers entry`);
      const serverName = isTable(reference) ? String(reference.name) : String(reference);
      assert.ok(serverName in servers || (HELIX_BUILTIN_SERVERS as readonly string[]).includes(serverName), `${name}: server ${serverName} is defined`);
    }
    if (!(name in HELIX_BUILTIN_LANGUAGES)) {
      for (const key of HELIX_NEW_LANGUAGE_REQUIRED_KEYS) assert.ok(key in language, `${name} is new to Helix, so it needs ${key}`);
      if (typeof language.grammar === 'string') assert.ok((HELIX_BUILTIN_GRAMMARS as readonly string[]).includes(language.grammar), `${name}: grammar`);
    }
  }
  for (const [name, server] of Object.entries(servers)) {
    assert.deepEqual(unknownKeys(server, HELIX_LANGUAGE_SERVER_KEYS), [], `[language-server.${name}]: keys`);
  }
  const ours = servers[SERVER];
  assert.ok(ours, `the block defines [language-server.${SERVER}]`);
  assert.equal(ours.command, 'node');
  assert.deepEqual(ours.args, [path.join(repoRoot(), 'dist', 'server.js'), '--stdio']);
});

test('README Helix recipe: keeps Helix’s own nginx and systemd servers, and routes only deployment files to gunicorn-lint', () => {
  const { languages } = recipe();
  for (const language of languages) {
    const builtin = HELIX_BUILTIN_LANGUAGES[String(language.name)] as { servers: readonly string[] } | undefined;
    if (builtin && language['language-servers'] !== undefined) {
      for (const kept of builtin.servers) assert.ok(serverNames(language).includes(kept), `${String(language.name)} keeps Helix’s ${kept}`);
    }
  }
  const sample = writeSample();
  try {
    for (const label of Object.keys(EXPECTED_CODES) as SampleLabel[]) {
      const language = helixLanguageOf(sample.files[label], languages);
      assert.ok(language?.servers.includes(SERVER), `${label} (${language?.name ?? 'no language'}) gets ${SERVER}`);
    }
    const app = helixLanguageOf(sample.files.app, languages);
    assert.equal(app?.name, 'python');
    assert.ok(!app.servers.includes(SERVER), 'a plain Python file keeps Helix’s Python servers only');
    for (const name of ['gunicorn.conf.py', 'gunicorn_conf.py', 'gunicorn.prod.conf.py', 'gunicorn/prod.py']) {
      assert.ok(helixLanguageOf(`/srv/app/${name}`, languages)?.servers.includes(SERVER), `${name} is a gunicorn config`);
    }
    for (const name of ['gunicorn_app.py', 'wsgi.py', 'settings.conf.py']) {
      assert.ok(!helixLanguageOf(`/srv/app/${name}`, languages)?.servers.includes(SERVER), `${name} is not a gunicorn config`);
    }
  } finally {
    removeSample(sample);
  }
});

test('README Helix recipe: its server command answers a Helix-like client with each file’s finding', async () => {
  const { languages, servers } = recipe();
  const ours = servers[SERVER];
  const sample = writeSample();
  const child = spawn(String(ours.command), (ours.args as string[]).map(String), { cwd: sample.root, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map<string, string[]>();
  let notify = (): void => undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: { code?: string | number }[] }) => {
    published.set(
      params.uri,
      params.diagnostics.map((diagnostic) => String(diagnostic.code)),
    );
    notify();
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    // Helix announces no pull diagnostics here, so the server pushes, as it does for Neovim 0.7 and eglot 1.9.
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(sample.root).href,
      capabilities: { textDocument: { publishDiagnostics: {} }, workspace: { configuration: true } },
      initializationOptions: ours.config ?? null,
    });
    await connection.sendNotification('initialized', {});
    for (const label of Object.keys(EXPECTED_CODES) as (keyof typeof EXPECTED_CODES)[]) {
      const file = sample.files[label];
      const language = helixLanguageOf(file, languages);
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: pathToFileURL(file).href, languageId: language?.languageId ?? '', version: 0, text: fs.readFileSync(file, 'utf8') },
      });
    }
    const wanted = (Object.entries(EXPECTED_CODES) as [keyof typeof EXPECTED_CODES, string][]).map(([label, code]) => [
      pathToFileURL(sample.files[label]).href,
      code,
    ]);
    const arrived = (): boolean => wanted.every(([uri, code]) => published.get(uri)?.includes(code));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no findings after 30 s: ${JSON.stringify([...published])}`)), 30_000);
      notify = () => {
        if (arrived()) {
          clearTimeout(timer);
          resolve();
        }
      };
      notify();
    });
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    child.kill('SIGKILL');
    removeSample(sample);
  }
});
