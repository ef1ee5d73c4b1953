/**
 * `--fix` never makes a valid nginx config invalid, judged by Debian's `nginx -t`: every nginx fixture scenario is
 * copied to a temporary folder, judged, fixed with every safe fix (as `gunicorn-lint --fix` does), and judged
 * again. A file nginx accepted before must be accepted after. Fragments are judged inside a minimal main config.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { applySafeFixes } from '../../server/src/cli/lint';
import { writeFileAtomically } from '../../server/src/cli/writeFiles';
import { LanguageService } from '../../server/src/service/languageService';
import { skipMissingOracle } from '../support/oracles';
import { fixturesRoot } from '../support/repo';
import { listScenarios, scenarioSettings } from '../support/scenario';

function nginxUsable(): boolean {
  return spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0 && process.getuid?.() === 0;
}

/** nginx -t on a file: a main config as it is, a fragment inside `events {} http { include ...; }`. */
function accepted(file: string, work: string): { ok: boolean; message: string } {
  const text = fs.readFileSync(file, 'utf8');
  let main = file;
  if (!/^\s*(events|http)\s*\{/m.test(text)) {
    main = path.join(work, `wrapper-${path.basename(file)}.conf`);
    fs.writeFileSync(main, `events {}\nhttp {\n    include ${file};\n}\n`);
  }
  const result = spawnSync('nginx', ['-t', '-q', '-c', main, '-p', `${path.dirname(file)}/`, '-g', `pid ${work}/nginx.pid; error_log stderr;`], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { ok: result.status === 0, message: `${result.stderr}`.trim() };
}

/** Shapes seen in real repositories beside the fixtures: one-line blocks, CRLF files. */
const EXTRA_SCENARIOS: Record<string, Record<string, string>> = {
  'one-line-main': { 'nginx.conf': 'events {}\nhttp { server { listen 8081; location / { proxy_pass http://127.0.0.1:8000; } } }\n' },
  'one-line-site': { 'sites-available/app': 'server { listen 8082; location / { proxy_pass http://127.0.0.1:8000; } }\n' },
  'crlf-site': {
    'sites-available/app.conf': 'server {\r\n    listen 8083;\r\n    location / {\r\n        proxy_pass http://127.0.0.1:8000;\r\n    }\r\n}\r\n',
  },
};

test('every safe fix keeps an nginx fixture that nginx -t accepts acceptable', { timeout: 300_000 }, async (t) => {
  if (!nginxUsable()) return skipMissingOracle(t, 'nginx not installed (or not running as root): fixed files are not judged');
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-fixed-nginx-')));
  try {
    const broken: string[] = [];
    let judged = 0;
    let fixedFiles = 0;
    const extras = Object.entries(EXTRA_SCENARIOS).map(([name, files]) => {
      const dir = path.join(work, 'extra', name);
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      return dir;
    });
    for (const scenario of [...listScenarios(path.join(fixturesRoot(), 'nginx')), ...extras]) {
      const copy = path.join(work, 'copies', path.basename(scenario));
      fs.cpSync(scenario, copy, { recursive: true, filter: (source) => path.basename(source) !== '.fixed' });
      const service = await LanguageService.create({ root: copy, settings: scenarioSettings(scenario) });
      const files = service.managedFiles().filter((file) => service.languageOf(file) === 'nginx');
      const before = new Map(files.map((file) => [file, { text: fs.readFileSync(file, 'utf8'), verdict: accepted(file, work) }]));
      applySafeFixes(service, service.managedFiles(), writeFileAtomically);
      for (const [file, { text, verdict }] of before) {
        const after = fs.readFileSync(file, 'utf8');
        if (after === text || !verdict.ok) continue;
        fixedFiles++;
        judged++;
        const now = accepted(file, work);
        if (!now.ok) broken.push(`${path.relative(work, file)}: ${now.message}\n${after}`);
      }
    }
    t.diagnostic(`${fixedFiles} valid nginx files changed by fixes, all still accepted`);
    assert.deepEqual(broken, [], 'fixes made valid files invalid');
    assert.ok(fixedFiles >= 3 + Object.keys(EXTRA_SCENARIOS).length, `only ${fixedFiles} valid fixture files were changed by fixes (${judged} judged)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
