// (Copied from the shared e2e harness.) Run extension tests INSIDE code-server's (remote, Node) extension host, headless.
// The web workbench accepts ?payload=[["extensionDevelopmentPath",URI],["extensionTestsPath",URI]]
// and, when the test run ends, calls window.codeAutomationExit(code) (the hook @vscode/test-web uses).
// env: CS_URL, WS, EXT_DIR (unpacked extension with node_modules), TESTS (test module path),
//      CHROMIUM, TIMEOUT_MS (whole run, default 120000)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CS_URL = process.env.CS_URL || 'http://127.0.0.1:18080';
const WS = process.env.WS || '/tmp/e2e/ws';
const EXT_DIR = process.env.EXT_DIR || '/tmp/e2e/ext';
const TESTS = process.env.TESTS || path.join(EXT_DIR, 'e2e-suite.js');
const T = Number(process.env.TIMEOUT_MS || 120000);
// code-server's web config says remoteAuthority "remote": files on the server are vscode-remote://remote/<abs path>
const remote = (p) => `vscode-remote://remote${p}`;

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] || (await context.newPage());
let finish;
const done = new Promise((r) => { finish = r; });
await page.exposeFunction('codeAutomationExit', (code) => finish(code));
await page.exposeFunction('codeAutomationLog', (type, args) => console.log(`[exthost:${type}]`, ...(args || [])));

const payload = JSON.stringify([
  ['extensionDevelopmentPath', remote(EXT_DIR)],
  ['extensionTestsPath', remote(TESTS)],
]);
const url = `${CS_URL}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(payload)}`;
await page.goto(url);
const timer = setTimeout(() => finish('timeout'), T);
const code = await done;
clearTimeout(timer);
await page.screenshot({ path: process.env.SHOT || '/tmp/e2e/shot-exttests.png' }).catch(() => {});
await context.close().catch(() => {});
fs.rmSync(userDataDir, { recursive: true, force: true });
console.log(`extension tests exit code: ${code}`);
process.exit(code === 0 ? 0 : 1);
