// Stages the npm package of the CLI: copies the CLI bundle, the WASM grammars it loads from its own folder, the
// checks' documentation pages (`--explain`) and the licence from the root build into this folder. Refuses when this
// manifest's version is not the root's, or when the bundle in dist/ reports another version (a stale build), so
// what `npm pack` takes is always the build of the version it is named after. Run by `npm run pack:cli` (root) and
// by this package's `prepack`. No dependencies: what it copies is all the package needs at run time.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The repository whose build is staged; the tests stage a copy of this folder elsewhere and name the root.
const root = process.env.GUNICORN_LINT_REPO_ROOT ?? join(here, '..', '..');
const version = (file) => JSON.parse(readFileSync(file, 'utf8')).version;

const rootVersion = version(join(root, 'package.json'));
const ownVersion = version(join(here, 'package.json'));
if (ownVersion !== rootVersion) {
  console.error(`packages/cli/package.json is ${ownVersion} but the root package.json is ${rootVersion}: make them equal`);
  process.exit(1);
}
const bundle = join(root, 'dist', 'cli.js');
if (!existsSync(bundle)) {
  console.error('dist/cli.js is missing: run `npm run build` in the repository root first');
  process.exit(1);
}
const built = execFileSync(process.execPath, [bundle, '--version'], { encoding: 'utf8', env: { ...process.env, GUNICORN_LINT_NO_COMPILE_CACHE: '1' } }).trim();
if (built !== `gunicorn-lint ${rootVersion}`) {
  console.error(`dist/cli.js says "${built}", not gunicorn-lint ${rootVersion}: rebuild with \`npm run build\``);
  process.exit(1);
}

rmSync(join(here, 'dist'), { recursive: true, force: true });
rmSync(join(here, 'docs'), { recursive: true, force: true });
mkdirSync(join(here, 'dist'));
for (const file of ['cli.js', 'cli-main.js', 'tree-sitter.wasm', 'tree-sitter-python.wasm']) {
  copyFileSync(join(root, 'dist', file), join(here, 'dist', file));
}
cpSync(join(root, 'docs', 'checks'), join(here, 'docs', 'checks'), { recursive: true });
copyFileSync(join(root, 'LICENSE'), join(here, 'LICENSE'));
console.log(`staged @gunicorn-deploy/gunicorn-lint ${rootVersion} in packages/cli`);
