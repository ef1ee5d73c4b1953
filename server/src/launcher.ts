/**
 * `dist/cli.js` and `dist/server.js`: start the real bundle (`cli-main.js`, `server-main.js`, chosen at build time)
 * through V8's code cache, the technique of the v8-compile-cache package (Node 20 has no module.enableCompileCache).
 * The first run compiles as usual and, on exit (the CLI) or once started (the server), stores V8's cached data, which
 * then includes every function compiled so far; later starts skip that compilation. The cache lives in the user's
 * own cache folder (never a shared /tmp: cached data is code). Any failure falls back to a plain require;
 * GUNICORN_LINT_NO_COMPILE_CACHE=1 turns it off.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module = require('node:module');
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

declare const LAUNCH_TARGET: string;
declare const LAUNCH_WRITE_AFTER_MS: number;

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
  const key = createHash('sha256').update(process.version).update(process.arch).update(source).digest('hex').slice(0, 16);
  const cacheFile = path.join(folder, `${path.basename(main, '.js')}-${key}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: main, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    const write = () => {
      try {
        const temporary = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, cacheFile);
      } catch {
        // A cache that cannot be written only costs speed.
      }
    };
    // A long-running server writes once it has answered its first requests; a short CLI run on exit.
    if (LAUNCH_WRITE_AFTER_MS > 0) setTimeout(write, LAUNCH_WRITE_AFTER_MS).unref();
    else process.once('exit', write);
  }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = new Module(main);
  module.filename = main;
  wrapper.call(module.exports, module.exports, Module.createRequire(main), module, main, __dirname);
  return true;
}

let started = false;
if (process.env.GUNICORN_LINT_NO_COMPILE_CACHE !== '1') {
  try {
    started = runCached();
  } catch {
    started = false;
  }
}
if (!started) require(main);
