/**
 * design.md's import rules, checked on the source: imports only go down the layers, formats never import each
 * other, nothing under server/ imports `vscode`, and only server.ts and lsp/ import `vscode-languageserver`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './support/repo';

type Layer = 'entry' | 'lsp' | 'cli' | 'service' | 'deployment' | 'formats' | 'commandline' | 'knowledge' | 'core';

/** What each layer may import, besides itself. */
const ALLOWED: Record<Layer, Layer[]> = {
  entry: ['lsp', 'service', 'core'],
  lsp: ['service', 'core'],
  cli: ['service', 'core'],
  service: ['deployment', 'formats', 'commandline', 'knowledge', 'core'],
  deployment: ['formats', 'commandline', 'knowledge', 'core'],
  // Host formats find command lines; commandline/ reads, checks, hovers and completes them for every host.
  formats: ['commandline', 'knowledge', 'core'],
  commandline: ['knowledge', 'core'],
  knowledge: ['core'],
  core: [],
};

/**
 * The one format others may import: requirements is a reader of Python manifests that no host claims (no
 * FormatSupport of its own); gunicorn, systemd and Procfiles all need its answer (which gunicorn, which worker
 * packages). It imports no other format, so it can never tie two formats together.
 */
const SHARED_FORMATS = new Set(['requirements']);

/** `gunicorn` for server/src/formats/gunicorn/..., else undefined. */
function formatOf(file: string, serverSrc: string): string | undefined {
  const relative = path.relative(serverSrc, file).split(path.sep);
  return relative[0] === 'formats' && relative.length > 2 ? relative[1] : undefined;
}

function layerOf(file: string, serverSrc: string): Layer | undefined {
  const relative = path.relative(serverSrc, file).split(path.sep);
  if (relative.length === 1) return relative[0] === 'server.ts' ? 'entry' : undefined;
  return (Object.keys(ALLOWED) as Layer[]).includes(relative[0] as Layer) ? (relative[0] as Layer) : undefined;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(
    /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specifiers.push(match[1] ?? match[2] ?? match[3]);
  }
  return specifiers;
}

test('server layers import only downwards', () => {
  const serverSrc = path.join(repoRoot(), 'server', 'src');
  const violations: string[] = [];
  for (const file of sourceFiles(serverSrc)) {
    const from = layerOf(file, serverSrc);
    for (const specifier of importsOf(file)) {
      const where = path.relative(repoRoot(), file);
      if (specifier === 'vscode') violations.push(`${where} imports vscode`);
      if (/^vscode-languageserver(\/|$)/.test(specifier) && from !== 'entry' && from !== 'lsp') {
        violations.push(`${where} imports ${specifier}: only server.ts and lsp/ may`);
      }
      if (!specifier.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), specifier);
      const to = layerOf(target, serverSrc);
      const [fromFormat, toFormat] = [formatOf(file, serverSrc), formatOf(target, serverSrc)];
      if (fromFormat && toFormat && fromFormat !== toFormat && !SHARED_FORMATS.has(toFormat)) {
        violations.push(`${where} (formats/${fromFormat}) imports ${specifier} (formats/${toFormat}): formats never import each other`);
      }
      if (fromFormat && SHARED_FORMATS.has(fromFormat) && toFormat && toFormat !== fromFormat) {
        violations.push(`${where} (shared formats/${fromFormat}) imports ${specifier} (formats/${toFormat})`);
      }
      if (!from || !to || from === to) continue;
      if (!ALLOWED[from].includes(to)) violations.push(`${where} (${from}) imports ${specifier} (${to})`);
    }
  }
  assert.deepEqual(violations, []);
});

test('the client imports nothing from the server', () => {
  const clientSrc = path.join(repoRoot(), 'client', 'src');
  const violations = sourceFiles(clientSrc).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => specifier.includes('server/'))
      .map((specifier) => `${path.relative(repoRoot(), file)} imports ${specifier}`),
  );
  assert.deepEqual(violations, []);
});

test('the layering check sees an import from one format into another', () => {
  const serverSrc = path.join(repoRoot(), 'server', 'src');
  const systemd = path.join(serverSrc, 'formats', 'systemd', 'facts.ts');
  assert.equal(formatOf(systemd, serverSrc), 'systemd');
  assert.equal(formatOf(path.resolve(path.dirname(systemd), '../gunicorn/model'), serverSrc), 'gunicorn');
  assert.equal(formatOf(path.join(serverSrc, 'commandline', 'site.ts'), serverSrc), undefined);
  assert.equal(layerOf(path.join(serverSrc, 'commandline', 'site.ts'), serverSrc), 'commandline');
});

test('the layering check itself sees imports', () => {
  const sample = path.join(repoRoot(), 'server', 'src', 'service', 'languageService.ts');
  assert.ok(
    importsOf(sample).some((specifier) => specifier.startsWith('../core/')),
    'import scanner found no imports',
  );
});
