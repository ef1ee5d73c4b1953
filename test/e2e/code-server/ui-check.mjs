// (Adapted from the shared e2e harness.) Drive a running code-server with playwright-core + Debian chromium:
// open gunicorn.conf.py, check gunicorn-lint's diagnostic (squiggle + Problems panel) and a hover,
// save a screenshot. Exit 0 on success, 1 on failure.
//
// env: CS_URL (default http://127.0.0.1:18080), WS (workspace folder, default /tmp/e2e/ws),
//      SHOT (png path, default /tmp/e2e/shot.png), CHROMIUM (default /usr/bin/chromium),
//      TIMEOUT_MS (per step, default 60000)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CS_URL = process.env.CS_URL || 'http://127.0.0.1:18080';
const WS = process.env.WS || '/tmp/e2e/ws';
const SHOT = process.env.SHOT || '/tmp/e2e/shot.png';
const T = Number(process.env.TIMEOUT_MS || 60000);
const FILE = 'gunicorn.conf.py';
// The Problems panel shows the source and the code beside the message.
const DIAG_TEXT = process.env.DIAG_TEXT || 'gunicorn/unknown-setting';
const HOVER_TEXT = process.env.HOVER_TEXT || 'workers';
const HOVER_WORD = process.env.HOVER_WORD || 'workers';

const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(T);
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));

let ok = false;
const result = {};
try {
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: T });
  log('workbench loaded');

  // Open the file from the Explorer (falls back to Quick Open, which uses ripgrep).
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${FILE}"]`).first();
  try {
    await row.waitFor({ timeout: 20000 });
    await row.click();
    log('clicked in explorer');
  } catch {
    log('explorer row not found; using Quick Open');
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('Control+P');
    await page.keyboard.type(FILE);
    await page.waitForTimeout(1000);
    await page.keyboard.press('Enter');
  }
  await page.waitForSelector(`.tab[aria-label*="${FILE}"]`, { timeout: T });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor();
  log('editor open');

  // 1) squiggle decoration rendered by Monaco for a Warning diagnostic
  await editor.locator('.squiggly-warning').first().waitFor({ timeout: T });
  result.squiggles = await editor.locator('.squiggly-warning').count();
  log('squiggle present:', result.squiggles);
  // Language mode in the status bar: our contributed language (filenames: gunicorn.conf.py).
  result.languageMode = (await page.locator('#status\\.editor\\.mode').textContent().catch(() => null))?.trim();

  // 2) Problems panel lists the message
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel');
  await problems.getByText(DIAG_TEXT, { exact: false }).first().waitFor({ timeout: T });
  result.problemsRow = (await problems.locator('.monaco-list-row').allTextContents()).join(' | ');
  log('problems panel:', result.problemsRow);

  // 3) hover over a setting name (line 2), away from the squiggle on line 3
  const word = editor.locator('.view-line span span', { hasText: HOVER_WORD }).first();
  await word.waitFor();
  const hover = page.locator('.monaco-hover').filter({ hasText: HOVER_TEXT });
  for (let i = 0; i < 10 && !(await hover.first().isVisible().catch(() => false)); i++) {
    const box = await word.boundingBox();
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await page.waitForTimeout(1500);
  }
  await hover.first().waitFor({ state: 'visible', timeout: 5000 });
  result.hover = (await hover.first().innerText()).trim();
  log('hover:', JSON.stringify(result.hover));
  ok = result.hover.includes(HOVER_TEXT) && result.languageMode === 'Python';
} catch (e) {
  result.error = String(e && e.stack || e);
  log('FAILED:', result.error);
} finally {
  await page.screenshot({ path: SHOT }).catch((e) => log('screenshot failed', e));
  log('screenshot:', SHOT);
  result.consoleErrors = consoleErrors.slice(0, 20);
  console.log(JSON.stringify({ ok, ...result }, null, 2));
  await context.close().catch(() => {});
  fs.rmSync(userDataDir, { recursive: true, force: true });
  process.exit(ok ? 0 : 1);
}
