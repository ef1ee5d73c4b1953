// What the README's screenshot scripts share: chromium as this machine needs it (the flags of
// test/e2e/code-server/), the example folder opened in code-server's workbench, a picture of the page when a step
// fails, and the browser profile removed at the end. Copy it into $WORK/tools beside the script that imports it.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Opens `folder` in the workbench at `csUrl`, runs `steps(page)` and closes everything, whatever happens. */
export async function withWorkbench({ csUrl, folder, viewport, timeout, shot }, steps) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-shot-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(timeout);
    await page.goto(`${csUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench');
    await page.waitForTimeout(3000);
    await steps(page);
  } catch (error) {
    await context.pages()[0]?.screenshot({ path: `${shot}.failed.png` });
    throw error;
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}
