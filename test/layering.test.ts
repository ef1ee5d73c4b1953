/**
 * design.md's import rules, checked on the source: imports only go down the layers, nothing under server/ imports
 * `vscode`, and only server.ts and lsp/ import `vscode-languageserver`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './support/repo';

type Layer = 'entry' | 'lsp' | 'cli' | 'service' | 'deployment' | 'formats' | 'knowledge' | 'core';

/** What each layer may import, besides itself. */
const ALLOWED: Record<Layer, Layer[]> = {
  entry: ['lsp', 'service', 'core'],
  lsp: ['service', 'core'],
  cli: ['service', 'core'],
  service: ['deployment', 'formats', 'knowledge', 'core'],
  deployment: ['formats', 'knowledge', 'core'],
  formats: ['knowledge', 'core'],
  knowledge: ['core'],
  core: [],
};

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
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
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
      const to = layerOf(path.resolve(path.dirname(file), specifier), serverSrc);
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

test('the layering check itself sees imports', () => {
  const sample = path.join(repoRoot(), 'server', 'src', 'service', 'languageService.ts');
  assert.ok(importsOf(sample).some((specifier) => specifier.startsWith('../core/')), 'import scanner found no imports');
});
