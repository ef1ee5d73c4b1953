// The deployment map in a real VS Code (code-server + chromium): run "Gunicorn: Show Deployment Map" from the
// command palette on a copy of examples/, find the map's nodes inside the webview (an iframe in an iframe), click
// the systemd gunicorn node and check the editor lands on that unit's ExecStart= line, check that the map follows
// a change on disk, and save a screenshot of the map (docs/images/deployment-map.png comes from here).
// Exit 0 on success, 1 on failure.
//
// env: CS_URL, MAP_WS (a copy of examples/), MAP_SHOT (png path), CHROMIUM, TIMEOUT_MS
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CS_URL = process.env.CS_URL || 'http://127.0.0.1:18090';
const WS = process.env.MAP_WS;
const SHOT = process.env.MAP_SHOT || '/tmp/deployment-map.png';
const T = Number(process.env.TIMEOUT_MS || 60000);
const UNIT = 'deploy/systemd/myapp.service';
const SITE = 'deploy/nginx/sites-available/myapp.conf';
const EXPECTED_NODES = ['location /', 'upstream myapp', 'unix:/run/myapp/gunicorn.sock', 'gunicorn (systemd myapp.service)', 'gunicorn.conf.py', 'myapp.wsgi:app'];

const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
if (!WS) throw new Error('MAP_WS is required');

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-map-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1980, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(T);
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

let ok = false;
const result = {};
const siteText = fs.readFileSync(path.join(WS, SITE), 'utf8');
try {
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: T });
  log('workbench loaded');
  // The extension activates on the workspace's files; the command is there once it has.
  await page.locator('.monaco-workbench').click({ position: { x: 900, y: 500 } });
  const map = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  for (let attempt = 0; attempt < 6; attempt++) {
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('Gunicorn: Show Deployment Map');
    const item = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Deployment Map' }).first();
    if (await item.waitFor({ timeout: 5000 }).then(() => true, () => false)) {
      await item.click();
      break;
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(3000);
  }
  await map.locator('g.node').first().waitFor({ timeout: T });
  log('map drawn');
  // The whole map in view for the screenshot: no sidebar, no panel.
  await page.keyboard.press('Control+B').catch(() => {});
  const labels = await map.locator('g.node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-label')));
  result.nodes = labels;
  const missing = EXPECTED_NODES.filter((label) => !labels.includes(label));
  if (missing.length > 0) throw new Error(`nodes missing from the map: ${missing.join(', ')}`);
  result.errorEdges = await map.locator('g.edge.error').count();
  result.status = (await map.locator('#status').textContent())?.trim();
  await page.waitForTimeout(800);
  await page.screenshot({ path: SHOT });
  log('screenshot:', SHOT);

  // Click the systemd gunicorn node: the unit opens at its ExecStart= line.
  const unitLines = fs.readFileSync(path.join(WS, UNIT), 'utf8').split('\n');
  const expectedLine = unitLines.findIndex((line) => line.startsWith('ExecStart=')) + 1;
  const node = map.locator(`g.node[data-path="${UNIT}"]`).first();
  result.nodeLine = Number(await node.getAttribute('data-line'));
  await node.click();
  await page.locator('.tab.active[aria-label*="myapp.service"]').waitFor({ timeout: T });
  const selection = page.locator('#status\\.editor\\.selection');
  await selection.waitFor();
  let cursor = '';
  for (let i = 0; i < 20 && !/Ln \d+/.test(cursor); i++) {
    cursor = ((await selection.textContent()) ?? '').trim();
    if (!/Ln \d+/.test(cursor)) await page.waitForTimeout(250);
  }
  result.cursor = cursor;
  result.expectedLine = expectedLine;
  if (!cursor.startsWith(`Ln ${expectedLine},`)) throw new Error(`the editor is at "${cursor}", not on line ${expectedLine} (ExecStart=)`);
  log('clicked node ->', cursor);

  // The map follows the files: point the upstream at a socket nobody binds, then put it back.
  fs.writeFileSync(path.join(WS, SITE), siteText.replace('unix:/run/myapp/gunicorn.sock', 'unix:/run/myapp/other.sock'));
  await map.locator('g.node[data-label="unix:/run/myapp/other.sock"]').first().waitFor({ timeout: T });
  result.followsEdits = true;
  log('map followed the edit on disk');
  ok = true;
} catch (e) {
  result.error = String((e && e.stack) || e);
  log('FAILED:', result.error);
  await page.screenshot({ path: SHOT.replace(/\.png$/, '-failed.png') }).catch(() => {});
} finally {
  fs.writeFileSync(path.join(WS, SITE), siteText);
  result.consoleErrors = consoleErrors.filter((text) => /Content Security Policy|mapView/i.test(text)).slice(0, 20);
  if (result.consoleErrors.length > 0) ok = false;
  console.log(JSON.stringify({ ok, ...result }, null, 2));
  await context.close().catch(() => {});
  // Chromium may still be writing its profile for a moment after close: a failed clean-up is not a failed check.
  try {
    fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5 });
  } catch (e) {
    log('could not remove', userDataDir, String(e));
  }
  process.exit(ok ? 0 : 1);
}
