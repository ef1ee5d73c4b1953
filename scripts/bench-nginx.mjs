#!/usr/bin/env node
// Warm in-process timing of parse + all nginx checks on the benchmark config. Needs a tsc build (OUT dir arg).
// Prints the median wall time and the median CPU time of the process (user + system): on a machine shared with
// other jobs the wall time mostly measures waiting for a core, the CPU time what the work itself costs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [file, outDir = 'out', runsArg = '50'] = process.argv.slice(2);
const runs = Math.max(5, Number(runsArg) || 50);
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
const wall = [];
const cpu = [];
let findings = 0;
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  findings = run().length;
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
const p90 = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length * 0.9)];
const min = (list) => Math.min(...list);
console.log(`${text.split('\n').length - 1} lines, ${findings} findings: median ${median(wall).toFixed(2)} ms, p90 ${p90(wall).toFixed(2)} ms, min ${min(wall).toFixed(2)} ms (cpu median ${median(cpu).toFixed(2)} ms)`);
