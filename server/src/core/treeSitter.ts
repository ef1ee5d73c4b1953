/**
 * Loads web-tree-sitter and the Python grammar once per process, lazily. The WASM files are looked for beside the
 * bundle first (the build copies them into dist/), then in node_modules, so the same code runs bundled and from tsc
 * output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
// `import = require` (not `import {}`): a bundler then takes the package's CommonJS build. Its ES module build
// calls createRequire(import.meta.url), which breaks once bundled into CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate, see above: the bundler must take the CommonJS build
import TreeSitter = require('web-tree-sitter');
import type { Parser } from 'web-tree-sitter';

const { Parser: ParserClass, Language } = TreeSitter;

let loading: Promise<void> | undefined;
let parser: Parser | undefined;

function locate(fileName: string, packagePath: string): string {
  const beside = path.join(__dirname, fileName);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(packagePath);
}

/** Loads the runtime and the grammar; later calls return the same promise. */
export function initPython(): Promise<void> {
  loading ??= (async () => {
    const runtimeWasm = locate('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
    await ParserClass.init({ locateFile: () => runtimeWasm });
    // Bytes, not a path: given a path, web-tree-sitter reads it through a dynamic import(), which code loaded
    // from V8's compile cache (the CLI launcher) cannot make.
    const grammar = await Language.load(fs.readFileSync(locate('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm')));
    const created = new ParserClass();
    created.setLanguage(grammar);
    parser = created;
  })();
  // A failed load may be retried by a later call rather than poisoning the process.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** True once initPython() has finished. */
export function pythonReady(): boolean {
  return parser !== undefined;
}

/** The shared Python parser. Throws only when initPython() was not awaited first. */
export function pythonParser(): Parser {
  if (!parser) throw new Error('initPython() must be awaited before pythonParser()');
  return parser;
}
