// Runs every compiled test file (out/test/**/*.test.js) on node's built-in runner. Node 20 treats every .js under a
// folder named test as a test file when given a folder, so the files are listed explicitly.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'out', 'test');
const files = readdirSync(root, { recursive: true })
  .map(String)
  .filter((name) => name.endsWith('.test.js'))
  .sort()
  .map((name) => join(root, name));
const extra = process.argv.slice(2);
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...extra, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 2);
