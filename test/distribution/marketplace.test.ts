/**
 * What the Marketplace and Open VSX take: the .vsix through vsce's own listing (`vsce ls`) and packaging, and the
 * manifest fields their pages show (icon, banner, categories, keywords, links), with the README's pictures present.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/repo';
import { run } from './support/packedCli';

interface ExtensionManifest {
  name: string;
  publisher: string;
  version: string;
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  categories?: string[];
  keywords?: string[];
  repository?: { url?: string };
  bugs?: { url?: string };
  homepage?: string;
}

const manifest = () => JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as ExtensionManifest;
const vsce = () => path.join(repoRoot(), 'node_modules', '.bin', 'vsce');

/** Every file the .vsix may hold, as patterns over its paths. */
const MAY_SHIP = [
  /^(package\.json|README\.md|CHANGELOG\.md|LICENSE)$/,
  /^images\/icon\.png$/,
  /^(syntaxes|snippets)\/[\w.-]+\.json$/,
  // The walkthrough's pages and pictures.
  /^media\/walkthrough\/[\w.-]+\.(md|png|svg)$/,
  // The extension's bundles and the files they load; the CLI ships through npm, source maps nowhere.
  /^dist\/(?!cli)[\w-]+\.(js|css|wasm)$/,
];
const MUST_SHIP = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'images/icon.png',
  'dist/extension.js',
  'dist/server.js',
  'dist/server-main.js',
  'dist/tree-sitter.wasm',
  'dist/tree-sitter-python.wasm',
];

test('vsce ls: the .vsix takes the bundles, grammars, snippets, icon and docs, and nothing else', { timeout: 120_000 }, async () => {
  const { stdout } = await run(vsce(), ['ls', '--no-dependencies'], { cwd: repoRoot(), maxBuffer: 16 * 1024 * 1024 });
  const files = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  assert.deepEqual(
    MUST_SHIP.filter((file) => !files.includes(file)),
    [],
  );
  assert.deepEqual(
    files.filter((file) => !MAY_SHIP.some((pattern) => pattern.test(file))),
    [],
  );
});

test('the packaged .vsix is under 1 MB', { timeout: 180_000 }, async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-vsix-'));
  try {
    const vsix = path.join(folder, 'extension.vsix');
    await run(vsce(), ['package', '--no-dependencies', '-o', vsix], { cwd: repoRoot(), maxBuffer: 16 * 1024 * 1024 });
    const size = fs.statSync(vsix).size;
    assert.ok(size < 1024 * 1024, `${size} bytes`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', `${file} is a PNG`);
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the gallery fields: a square PNG icon of 128 or 256 pixels, a banner, categories, keywords and links', () => {
  const m = manifest();
  assert.ok(m.icon, 'icon is set');
  const { width, height } = pngSize(path.join(repoRoot(), m.icon));
  assert.equal(width, height);
  assert.ok([128, 256].includes(width), `${width} px`);
  assert.match(m.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(m.galleryBanner?.theme ?? ''));
  assert.ok(m.categories?.includes('Linters'));
  // The Marketplace takes at most 30 keywords.
  assert.ok((m.keywords?.length ?? 0) > 0 && (m.keywords?.length ?? 0) <= 30);
  const repository = 'https://github.com/gunicorn-deploy/gunicorn-deploy';
  assert.equal(m.repository?.url, `${repository}.git`);
  assert.equal(m.bugs?.url, `${repository}/issues`);
  assert.ok(m.homepage?.startsWith(repository));
});

test("the README's pictures are PNG files of the repository, and the first one comes before the first section", () => {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => ({ target: match[1], at: match.index }));
  assert.ok(images.length > 0, 'the README shows a picture');
  for (const { target } of images) {
    // vsce refuses SVG pictures; relative ones are rewritten to the repository's, so they must be there.
    assert.ok(!/^https?:/.test(target), `${target}: a file of the repository`);
    assert.match(target, /\.png$/);
    assert.ok(fs.existsSync(path.join(repoRoot(), target)), target);
  }
  assert.ok(images[0].at < readme.indexOf('\n## '), 'the first screen shows what it does');
});
