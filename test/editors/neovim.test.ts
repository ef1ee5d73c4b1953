/**
 * The README's Neovim recipes, run as written in Debian's Neovim 0.7: the 0.7 block is the whole init.lua; the 0.11
 * block (vim.lsp.config/enable, which 0.7 lacks) is loaded by test/editors/nvim/check-0.11.lua with stand-ins for
 * the four 0.11 functions it calls. Each opens the sample deployment's nginx site, unit, gunicorn config and a plain
 * app.py, and must give the first three one gunicorn-lint client with pushed diagnostics, and app.py none.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/repo';
import { describeRun, requireEditor, runEditor } from './support/editorRun';
import { recipeForThisCheckout } from './support/readmeRecipes';
import { EXPECTED_CODES, removeSample, writeSample, type SampleDeployment, type SampleLabel } from './support/sampleDeployment';

interface NvimBuffer {
  filetype: string;
  clients: { id: number; name: string; root: string }[];
  codes: (string | null)[];
  root?: string | null;
}
interface NvimReport {
  ok: boolean;
  error?: string;
  enabled?: string[];
  buffers: Record<SampleLabel, NvimBuffer>;
}

const INSTALL = 'apt-get install neovim';
const TIMEOUT_MS = 60_000;

function checkEnv(sample: SampleDeployment, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Config, data, state and cache in the temp folder: no user config is read, no log or shada lands in $HOME.
    XDG_CONFIG_HOME: sample.dir,
    XDG_DATA_HOME: sample.dir,
    XDG_STATE_HOME: sample.dir,
    XDG_CACHE_HOME: sample.dir,
    EDITOR_CHECK_FILES: JSON.stringify(sample.files),
    EDITOR_CHECK_EXPECTING: JSON.stringify(Object.keys(EXPECTED_CODES)),
    EDITOR_CHECK_TIMEOUT_MS: '30000',
    ...extra,
  };
}

/** The three deployment files carry their finding over one gunicorn-lint client rooted at the project; app.py has none. */
function assertServed(report: NvimReport, sample: SampleDeployment, clientName: string): void {
  const ids = new Set<number>();
  for (const [label, code] of Object.entries(EXPECTED_CODES) as [keyof typeof EXPECTED_CODES, string][]) {
    const buffer = report.buffers[label];
    assert.deepEqual(
      buffer.clients.map((client) => [client.name, client.root]),
      [[clientName, sample.root]],
      `${label}: one ${clientName} client rooted at the project`,
    );
    ids.add(buffer.clients[0].id);
    assert.ok(buffer.codes.includes(code), `${label} (filetype ${buffer.filetype}) shows ${code}; got ${JSON.stringify(buffer.codes)}`);
  }
  assert.equal(ids.size, 1, 'every buffer shares one client');
  assert.deepEqual(report.buffers.nginx.filetype, 'nginx');
  assert.deepEqual(report.buffers.systemd.filetype, 'systemd');
  assert.equal(report.buffers.app.filetype, 'python');
  assert.deepEqual(report.buffers.app.clients, [], 'a plain Python file is left to the user’s Python server');
}

test('README Neovim 0.7 recipe, as init.lua in real Neovim: nginx, systemd and gunicorn buffers get diagnostics, app.py no client', async (t) => {
  const nvim = requireEditor(t, 'nvim', INSTALL);
  if (!nvim) return;
  const sample = writeSample();
  try {
    const init = path.join(sample.dir, 'init.lua');
    fs.writeFileSync(init, recipeForThisCheckout('nvim-0.7'));
    const check = path.join(repoRoot(), 'test', 'editors', 'nvim', 'check.lua');
    const run = await runEditor(nvim, ['--headless', '-i', 'NONE', '-u', init, '-c', `luafile ${check}`], {
      cwd: sample.root,
      env: checkEnv(sample),
      timeoutMs: TIMEOUT_MS,
    });
    const report = run.report as NvimReport | undefined;
    assert.ok(report?.ok, describeRun(run));
    assertServed(report, sample, 'gunicorn-lint');
  } finally {
    removeSample(sample);
  }
});

test('README Neovim 0.11 recipe: parses, and its vim.lsp.config drives the same three buffers in Neovim 0.7 with stand-ins', async (t) => {
  const nvim = requireEditor(t, 'nvim', INSTALL);
  if (!nvim) return;
  const sample = writeSample();
  try {
    const recipe = path.join(sample.dir, 'recipe-0.11.lua');
    fs.writeFileSync(recipe, recipeForThisCheckout('nvim-0.11'));
    const check = path.join(repoRoot(), 'test', 'editors', 'nvim', 'check-0.11.lua');
    // do_filetype_lua: 0.7 applies vim.filetype.add's rules only with it (0.11 always does).
    const args = ['--headless', '-i', 'NONE', '-u', 'NONE', '--cmd', 'let g:do_filetype_lua = 1', '-c', 'filetype on', '-c', `luafile ${check}`];
    const run = await runEditor(nvim, args, { cwd: sample.root, env: checkEnv(sample, { EDITOR_CHECK_RECIPE: recipe }), timeoutMs: TIMEOUT_MS });
    const report = run.report as NvimReport | undefined;
    assert.ok(report?.ok, describeRun(run));
    assert.deepEqual(report.enabled, ['gunicorn_lint']);
    for (const label of Object.keys(EXPECTED_CODES) as SampleLabel[])
      assert.equal(report.buffers[label].root, sample.root, `${label}: root_dir answers the project`);
    assert.equal(report.buffers.app.root, null, 'root_dir declines a plain Python file');
    assertServed(report, sample, 'gunicorn_lint');
  } finally {
    removeSample(sample);
  }
});
