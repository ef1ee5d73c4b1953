#!/usr/bin/env node
// Warm in-process timing of parse + all nginx checks on the benchmark config. Needs a tsc build (OUT dir arg).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [file, outDir = 'out'] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { nginxFormat } = require(resolve(outDir, 'server/src/formats/nginx/index.js'));
const { withDefaults } = require(resolve(outDir, 'server/src/core/settings.js'));
const text = readFileSync(file, 'utf8');
const project = { root: '/nonexistent', settings: withDefaults({}), readFile: () => undefined, exists: () => false,
  isDirectory: () => false, listDirectory: () => [], workspaceFiles: () => [], parsed: () => undefined };
const run = () => {
  const document = nginxFormat.parse(text, file);
  return nginxFormat.check({ path: file, text, document, project });
};
for (let i = 0; i < 20; i++) run();
const times = [];
let findings = 0;
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  findings = run().length;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`${text.split('\n').length - 1} lines, ${findings} findings: median ${times[25].toFixed(2)} ms, p90 ${times[45].toFixed(2)} ms`);
