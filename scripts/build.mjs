// Bundles the extension, the language server and the CLI with esbuild, and puts the tree-sitter WASM files
// beside them (the server loads them from its own folder). Type-checking is `tsc`'s job, not this script's.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
mkdirSync(dist, { recursive: true });

// The product's one version, written into every bundle (server/src/core/productVersion.ts reads it).
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
  define: { GUNICORN_LINT_VERSION: JSON.stringify(version) },
};

function launcher(outfile, target, writeAfterMs, v8Flags, banner) {
  return esbuild.build({
    ...common,
    entryPoints: [join(root, 'server/src/launcher.ts')],
    outfile: join(dist, outfile),
    define: { ...common.define, LAUNCH_TARGET: JSON.stringify(target), LAUNCH_WRITE_AFTER_MS: String(writeAfterMs), LAUNCH_V8_FLAGS: JSON.stringify(v8Flags) },
    banner,
  });
}

// The tree-sitter WASM is compiled function by function on first call (most of the grammar is never run on a given
// file). The CLI also stays on the baseline compiler: optimising hot functions happens on background threads that
// Node waits for at exit, which cost a short run ~150 ms for nothing. The long-lived server keeps optimising.
const CLI_V8_FLAGS = '--wasm-lazy-compilation --liftoff-only';
const SERVER_V8_FLAGS = '--wasm-lazy-compilation';

await Promise.all([
  esbuild.build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(dist, 'extension.js'), external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: [join(root, 'server/src/server.ts')], outfile: join(dist, 'server-main.js') }),
  esbuild.build({ ...common, entryPoints: [join(root, 'server/src/cli/bin.ts')], outfile: join(dist, 'cli-main.js') }),
  // dist/server.js and dist/cli.js (the `gunicorn-lint` executable) are small launchers that run the bundles above
  // through V8's code cache: see server/src/launcher.ts.
  launcher('server.js', 'server-main.js', 3000, SERVER_V8_FLAGS),
  launcher('cli.js', 'cli-main.js', 0, CLI_V8_FLAGS, { js: '#!/usr/bin/env node' }),
  // The deployment map's webview script: runs in the editor's browser sandbox, so a browser bundle (one IIFE).
  esbuild.build({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: [join(root, 'client/src/map/webview/main.ts')], outfile: join(dist, 'mapView.js') }),
]);
copyFileSync(join(root, 'client/src/map/webview/mapView.css'), join(dist, 'mapView.css'));

for (const wasm of ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm']) {
  copyFileSync(require.resolve(wasm), join(dist, wasm.split('/').pop()));
}
