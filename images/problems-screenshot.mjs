// Takes the README's picture images/problems.png: the example deployment (examples/) open in real VS Code
// (code-server) with the packaged extension, and the Problems panel listing the findings of every file of it
// while NO file is open: the server answers LSP workspace diagnostics and the client pulls them.
// How it was taken: the setup of test/e2e/code-server/run-code-server-e2e.sh (vsce package, install the .vsix into
// code-server, playwright-core under $WORK/tools), code-server started as that script does on a copy of examples/,
// and this file (with workbench.mjs beside it) copied into $WORK/tools and run there:
//   CS_URL=http://127.0.0.1:18131 WS=$WORK/examples SHOT=/path/to/repo/images/problems.png node problems-screenshot.mjs
import { withWorkbench } from './workbench.mjs';

const CS_URL = process.env.CS_URL ?? 'http://127.0.0.1:18131';
const WS = process.env.WS;
const SHOT = process.env.SHOT ?? 'problems.png';
// Files of examples/ whose rows must be in the panel before the picture is taken (one per format at least).
const EXPECTED = (process.env.EXPECTED ?? 'myapp.conf,myapp.service,compose.yaml,deployment.yaml,gunicorn.conf.py').split(',');

await withWorkbench({ csUrl: CS_URL, folder: WS, viewport: { width: 1600, height: 1000 }, timeout: 90000, shot: SHOT }, async (page) => {
  await page.locator('.monaco-workbench').click({ position: { x: 800, y: 500 } });
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor();
  // The whole window height for the panel, so every file fits.
  await page.locator('.panel .action-label[aria-label*="Maximize Panel"]').first().click();
  // Let the pulled findings settle (the badge count stops changing), then one row per file.
  const badge = page.locator('.panel .badge-content').first();
  let last = '';
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(1000);
    const now = (await badge.innerText().catch(() => '')) || '';
    if (now !== '' && now === last) break;
    last = now;
  }
  await page.locator('.panel .action-label[aria-label="Collapse All"]').first().click();
  await page.waitForTimeout(500);
  // Wait for a file row of each expected file (the rows are file headers: "name  folder  count").
  for (const name of EXPECTED) {
    await panel.locator('.monaco-list-row[aria-level="1"]', { hasText: name }).first().waitFor();
  }
  // Open every file's findings, one level only (related locations stay folded), so the whole list fits.
  const fileRows = panel.locator('.monaco-list-row[aria-level="1"]');
  for (let i = 0, n = await fileRows.count(); i < n; i++) {
    // The twistie only: clicking a row would open its file.
    await fileRows.nth(i).locator('.monaco-tl-twistie').click();
    await page.waitForTimeout(300);
  }
  await page.waitForTimeout(2000);
  if ((await page.locator('.editor-group-container .tab').count()) !== 0) throw new Error('an editor is open');
  const rows = await panel.locator('.monaco-list-row').allInnerTexts();
  console.log(rows.map((r) => r.replace(/\s+/g, ' ')).join('\n'));
  await page.screenshot({ path: SHOT });
  console.log(`screenshot: ${SHOT}`);
});
