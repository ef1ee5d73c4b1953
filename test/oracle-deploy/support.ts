/**
 * The steps every deployment oracle takes around its own scenario, so that each test file holds only what it shows:
 * a deployment folder whose programs are stopped and whose files are removed however the test ends; our linter
 * reporting the check, offering a fix, and reporting nothing once the fix is on disk (through the same service and
 * a new one); nginx accepting a fixed config and reloading it. The programs themselves are harness.ts's.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Finding, Fix } from '../../server/src/core/findings';
import {
  accepts,
  applyFixOnDisk,
  describeFindings,
  findingsOf,
  firstFix,
  lintService,
  logFile,
  makeDeployment,
  nginxTest,
  reloadNginx,
  removeDeployment,
  show,
  startNginx,
  stop,
  waitUntil,
  type Running,
} from './harness';

/**
 * Runs `scenario` in a new deployment folder. Every program it hands to `keep` is stopped afterwards, the last
 * started first (nginx before the gunicorn behind it), and the folder is removed.
 */
export async function inDeployment(prefix: string, scenario: (dir: string, keep: (running: Running) => Running) => Promise<void>): Promise<void> {
  const running: Running[] = [];
  let dir: string | undefined;
  try {
    dir = makeDeployment(prefix, {});
    await scenario(dir, (program) => {
      running.push(program);
      return program;
    });
  } finally {
    for (const program of running.reverse()) await stop(program);
    removeDeployment(dir);
  }
}

/** `nginx -t` accepts the deployment's config (`when` says which: the starting one, our fix). */
export function assertNginxAccepts(dir: string, when: string, file?: string): void {
  const checked = nginxTest(dir);
  assert.equal(checked.status, 0, `nginx -t refuses ${when}:\n${checked.output}${file ? `\n${show(file)}` : ''}`);
}

/** nginx started on the deployment's config, once it accepts connections on `port`. */
export async function startNginxOn(dir: string, port: number): Promise<Running> {
  const nginx = startNginx(dir);
  await waitUntil('nginx port', () => accepts({ port }), 10_000, nginx);
  return nginx;
}

/**
 * Our linter reports `rule` in `file` and offers a fix; the fix is applied on disk as an editor applies it, and
 * then neither the same service (told of the change) nor a new one reports the rule there. Returns the finding,
 * the fix and the files it changed.
 */
export async function lintAndFix(t: TestContext, dir: string, file: string, rule: string): Promise<{ finding: Finding; fix: Fix; changed: string[] }> {
  const service = await lintService(dir);
  const found = findingsOf(service, file, rule);
  assert.ok(found.length >= 1, `${rule} not reported on ${path.relative(dir, file)}; findings:\n${describeFindings(service, service.managedFiles())}`);
  const entry = firstFix(service, file, rule);
  assert.ok(entry, `${rule} offers no fix`);
  t.diagnostic(`finding: ${entry.finding.message}`);
  t.diagnostic(`fix: ${entry.fix.title}`);

  const changed = applyFixOnDisk(file, entry.fix);
  for (const each of changed) logFile(t, 'after our fix,', each);
  service.filesChanged(changed);
  const shown = () => changed.map(show).join('\n');
  assert.deepEqual(findingsOf(service, file, rule), [], `still reported after the fix:\n${shown()}`);
  const fresh = await lintService(dir);
  assert.deepEqual(findingsOf(fresh, file, rule), [], `a new service still reports it after the fix:\n${shown()}`);
  return { ...entry, changed };
}

/** nginx accepts the fixed config and reloads it. */
export async function reloadFixedNginx(dir: string, nginx: Running, file: string): Promise<void> {
  assertNginxAccepts(dir, 'our fix', file);
  const reloaded = await reloadNginx(dir, nginx);
  assert.equal(reloaded.status, 0, `nginx -s reload failed: ${reloaded.output}`);
}
