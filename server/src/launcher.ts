/**
 * `dist/cli.js` and `dist/server.js`: start the real bundle (`cli-main.js`, `server-main.js`, chosen at build time)
 * through V8's code cache, the technique of the v8-compile-cache package (Node 20 has no module.enableCompileCache).
 * The first run compiles as usual and, on exit (the CLI) or once started (the server), stores V8's cached data, which
 * then includes every function compiled so far; later starts skip that compilation. V8's data holds only the functions
 * that had run, so a first run on an nginx-only folder would leave every later run on a whole deployment compiling the
 * Dockerfile, YAML and Python code again (about 30 ms). So the bundle names what it used (core/launchHints.ts: the
 * formats it loaded), the cache records what it covers, and a run that used something new writes it again: the cache
 * grows to what the user runs and is otherwise never rewritten. (Asking V8 how much bytecode exists instead walks the
 * heap: 2 ms on a small run, 14 ms on a large one.) The cache lives in the user's own cache folder (never a shared
 * /tmp: cached data is code). Any failure falls back to a plain require; GUNICORN_LINT_NO_COMPILE_CACHE=1 turns it
 * off.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { contentHash } from './core/contentHash';
import { FEATURES_USED } from './core/launchHints';

declare const LAUNCH_TARGET: string;
declare const LAUNCH_WRITE_AFTER_MS: number;
declare const LAUNCH_V8_FLAGS: string;

const main = path.join(__dirname, LAUNCH_TARGET);

function cacheFolder(): string | undefined {
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  if (!base) return undefined;
  const folder = path.join(base, 'gunicorn-lint');
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

function runCached(): boolean {
  const folder = cacheFolder();
  if (!folder) return false;
  const source = fs.readFileSync(main, 'utf8');
  const bundle = fs.statSync(main);
  // The bundle's size and time stand for its content: hashing 0.5 MB (and loading node:crypto to do it) would cost
  // more than the cache saves. V8 checks the data against the source as well and rejects a mismatch.
  const key = contentHash(`${process.version} ${process.arch} ${bundle.size} ${bundle.mtimeMs}`);
  const prefix = `${path.basename(main, '.js')}-`;
  const cacheFile = path.join(folder, `${prefix}${key}.v8cache`);
  let stored: Buffer | undefined;
  try {
    stored = fs.readFileSync(cacheFile);
  } catch {
    stored = undefined;
  }
  // The file: the features the data covers (a 2-byte length, then their names joined by commas), then V8's data.
  const coveredLength = stored && stored.length >= 2 ? stored.readUInt16LE(0) : 0;
  const covered = new Set(
    stored
      ? stored
          .toString('utf8', 2, 2 + coveredLength)
          .split(',')
          .filter(Boolean)
      : [],
  );
  const cachedData = stored && stored.length > 2 + coveredLength ? stored.subarray(2 + coveredLength) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: main, cachedData });
  const complete = cachedData !== undefined && !script.cachedDataRejected;
  const used = new Set<string>();
  (globalThis as Record<symbol, unknown>)[FEATURES_USED] = (feature: string) => used.add(feature);
  const write = () => {
    try {
      if (complete && [...used].every((feature) => covered.has(feature))) return;
      const features = Buffer.from([...new Set([...(complete ? covered : []), ...used])].join(','));
      const header = Buffer.alloc(2);
      header.writeUInt16LE(features.length, 0);
      const temporary = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temporary, Buffer.concat([header, features, script.createCachedData()]), { mode: 0o600 });
      fs.renameSync(temporary, cacheFile);
      // Data for an older bundle or Node version is never read again.
      for (const name of fs.readdirSync(folder)) {
        if (name.startsWith(prefix) && name.endsWith('.v8cache') && path.join(folder, name) !== cacheFile) fs.rmSync(path.join(folder, name), { force: true });
      }
    } catch {
      // A cache that cannot be written only costs speed.
    }
  };
  // A long-running server writes once it has answered its first requests; a short CLI run on exit.
  if (LAUNCH_WRITE_AFTER_MS > 0) setTimeout(write, LAUNCH_WRITE_AFTER_MS).unref();
  else process.once('exit', write);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = new Module(main);
  module.filename = main;
  wrapper.call(module.exports, module.exports, Module.createRequire(main), module, main, __dirname);
  return true;
}

// Set before any code is compiled: V8 keys its code cache on the flags, so every run must set the same ones first.
if (LAUNCH_V8_FLAGS) v8.setFlagsFromString(LAUNCH_V8_FLAGS);

let started = false;
if (process.env.GUNICORN_LINT_NO_COMPILE_CACHE !== '1') {
  try {
    started = runCached();
  } catch {
    started = false;
  }
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle's path is only known at run time
if (!started) require(main);
