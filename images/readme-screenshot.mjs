// Takes the README's picture (images/diagnostics.png): the example deployment (examples/) open in real VS Code
// (code-server) with the packaged extension, the nginx site showing what only a cross-file reading finds.
// How it was taken: `WORK=/tmp/w PORT=18093 npm run e2e:code-server` (installs code-server and the .vsix, and
// playwright-core under /tmp/w/tools), then code-server started again as that script does, on a copy of examples/,
// and this file (with workbench.mjs beside it) copied into /tmp/w/tools and run there:
//   CS_URL=http://127.0.0.1:18093 WS=/tmp/w/examples-copy SHOT=/path/to/repo/images/diagnostics.png node readme-screenshot.mjs
import { withWorkbench } from './workbench.mjs';

const CS_URL = process.env.CS_URL ?? 'http://127.0.0.1:18093';
const WS = process.env.WS;
const SHOT = process.env.SHOT ?? 'diagnostics.png';
const FILE = 'myapp.conf';

await withWorkbench({ csUrl: CS_URL, folder: WS, viewport: { width: 1280, height: 760 }, timeout: 60000, shot: SHOT }, async (page) => {
  // Open the file through the Explorer, expanding only what is not open yet (compact folders make
  // nginx/sites-available one row; the Explorer remembers what was expanded last time).
  for (const name of ['deploy', 'nginx', 'sites-available']) {
    const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${name}"]`).first();
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await page.waitForTimeout(700);
  }
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${FILE}"]`).first().click();
  await page.waitForSelector(`.tab[aria-label*="${FILE}"]`);
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.squiggly-warning').first().waitFor();
  await page.keyboard.press('Control+Shift+M');
  // Only this file's problems in the panel.
  await page.locator('.viewpane-filter input, .markers-panel-action-filter input').first().fill('sites-available/myapp.conf');
  await page.locator('.markers-panel').getByText('deploy/proxy-timeout', { exact: false }).first().waitFor();
  // Hover the proxy_pass whose timeout chain ends in a 504.
  const word = editor.locator('.view-line span span', { hasText: 'http://myapp' }).first();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'proxy-timeout' });
  for (
    let i = 0;
    i < 10 &&
    !(await hover
      .first()
      .isVisible()
      .catch(() => false));
    i++
  ) {
    const box = await word.boundingBox();
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await page.waitForTimeout(1500);
  }
  await page.screenshot({ path: SHOT });
  console.log(`screenshot: ${SHOT}`);
});
