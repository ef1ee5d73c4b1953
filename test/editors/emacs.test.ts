/**
 * The README's eglot recipe, run as written in Debian's Emacs 28 with elpa-eglot 1.9, elpa-nginx-mode and
 * elpa-systemd. Before it, test/editors/emacs/user-setup.el plays the user's own config: packages activated (as
 * interactive Emacs does before init.el) and a Python server of theirs for python-mode, with eglot-ensure on
 * python-mode-hook. The recipe must give the nginx site, the unit and the gunicorn config our server with its
 * diagnostics, and leave app.py with the user's Python server.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { skipMissingOracle } from '../support/oracles';
import { repoRoot } from '../support/repo';
import { describeRun, requireEditor, runEditor } from './support/editorRun';
import { recipeForThisCheckout } from './support/readmeRecipes';
import { EXPECTED_CODES, removeSample, writeSample, type SampleLabel } from './support/sampleDeployment';

interface EmacsBuffer {
  mode: string;
  /** The command of the eglot server managing the buffer, or null. */
  server: string[] | null;
  codes: (string | null)[];
}
interface EmacsReport {
  ok: boolean;
  error: string | null;
  buffers: Record<SampleLabel, EmacsBuffer>;
}

const INSTALL = 'apt-get install emacs-nox elpa-eglot elpa-nginx-mode elpa-systemd';

/** Whether the three packages the recipe relies on are installed (activated as at an interactive start). */
function hasPackages(emacs: string, home: string): boolean {
  const probe = "(progn (package-activate-all) (kill-emacs (if (and (fboundp 'eglot-ensure) (fboundp 'nginx-mode) (fboundp 'systemd-mode)) 0 3)))";
  return spawnSync(emacs, ['--batch', '--eval', probe], { env: { ...process.env, HOME: home }, stdio: 'ignore', timeout: 30_000 }).status === 0;
}

const EXPECTED_MODES: Record<SampleLabel, string> = {
  gunicorn: 'gunicorn-conf-mode',
  nginx: 'nginx-mode',
  systemd: 'systemd-mode',
  app: 'python-mode',
};

test('README eglot recipe in real Emacs: nginx, systemd and gunicorn buffers get our server and diagnostics; app.py keeps the user’s Python server', async (t) => {
  const emacs = requireEditor(t, 'emacs', INSTALL);
  if (!emacs) return;
  const sample = writeSample();
  try {
    if (!hasPackages(emacs, sample.dir)) {
      skipMissingOracle(t, `Emacs lacks eglot, nginx-mode or systemd-mode (${INSTALL})`);
      return;
    }
    const recipe = path.join(sample.dir, 'recipe.el');
    fs.writeFileSync(recipe, recipeForThisCheckout('emacs-eglot'));
    const here = path.join(repoRoot(), 'test', 'editors', 'emacs');
    const userPythonServer = path.join(here, 'fake-python-server.mjs');
    const run = await runEditor(emacs, ['--batch', '-l', path.join(here, 'user-setup.el'), '-l', recipe, '-l', path.join(here, 'check.el')], {
      cwd: sample.root,
      env: {
        ...process.env,
        HOME: sample.dir, // no ~/.emacs.d, no user packages: only Debian's
        EDITOR_CHECK_PYTHON_SERVER: userPythonServer,
        EDITOR_CHECK_FILES: JSON.stringify(sample.files),
        EDITOR_CHECK_EXPECTING: JSON.stringify(Object.keys(EXPECTED_CODES)),
        EDITOR_CHECK_TIMEOUT: '30',
      },
      timeoutMs: 60_000,
    });
    const report = run.report as EmacsReport | undefined;
    assert.ok(report?.ok, describeRun(run));
    const ours = ['node', path.join(repoRoot(), 'dist', 'server.js'), '--stdio'];
    for (const label of Object.keys(EXPECTED_MODES) as SampleLabel[]) {
      assert.equal(report.buffers[label].mode, EXPECTED_MODES[label], `${label}: major mode`);
    }
    for (const [label, code] of Object.entries(EXPECTED_CODES) as [keyof typeof EXPECTED_CODES, string][]) {
      const buffer: EmacsBuffer = report.buffers[label];
      assert.deepEqual(buffer.server, ours, `${label}: managed by gunicorn-lint`);
      assert.ok(buffer.codes.includes(code), `${label}: flymake shows ${code}; got ${JSON.stringify(buffer.codes)}`);
    }
    assert.deepEqual(report.buffers.app.server, ['node', userPythonServer], 'app.py stays with the user’s Python server');
    assert.deepEqual(report.buffers.app.codes, []);
  } finally {
    removeSample(sample);
  }
});
