/**
 * gunicorn/gevent-blocking-driver: gevent and eventlet make blocking calls cooperative by patching Python's
 * sockets; a database driver written in C talks to its server over its own sockets, which no patch reaches. Each
 * query then blocks the whole worker and every greenlet in it. psycopg2 can be made cooperative with psycogreen;
 * mysqlclient cannot (PyMySQL, pure Python, can).
 */
import type { ConfigModel } from '../../formats/gunicorn/model';
import type { Requirement } from '../../formats/requirements/types';
import { related, unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';
import { isGreenWorker, workerInUse } from '../workerClass';

const RULE_ID = 'gunicorn/gevent-blocking-driver';

/** Drivers that block a green worker, and what makes them cooperative (if anything). */
const BLOCKING_DRIVERS: readonly { name: string; cure: string; curedBy?: string }[] = [
  { name: 'psycopg2', cure: 'add `psycogreen` and call `psycogreen.gevent.patch_psycopg()` in `post_fork`', curedBy: 'psycogreen' },
  { name: 'psycopg2-binary', cure: 'add `psycogreen` and call `psycogreen.gevent.patch_psycopg()` in `post_fork`', curedBy: 'psycogreen' },
  { name: 'mysqlclient', cure: 'use PyMySQL (pure Python, patched with the rest) instead' },
];

/** The config patches psycopg itself (`patch_psycopg()`), whatever the requirements say. */
function configPatchesPsycopg(model: ConfigModel | undefined): boolean {
  const calls = [...(model?.moduleCalls ?? []), ...(model?.functions.flatMap((definition) => definition.calls) ?? [])];
  return calls.some((call) => /(^|\.)patch_psycopg$/.test(call.callee));
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A gevent or eventlet worker while the requirements hold a blocking C database driver (psycopg2 without psycogreen, mysqlclient).',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const requirements = invocation.requirements;
      const inUse = workerInUse(invocation);
      const site = settingSite(invocation, 'worker_class');
      if (!requirements || !inUse || !isGreenWorker(inUse.worker) || !site) continue;
      const library = inUse.worker.packages.includes('eventlet') ? 'eventlet' : 'gevent';
      for (const driver of BLOCKING_DRIVERS) {
        const requirement: Requirement | undefined = requirements.packages.get(driver.name);
        if (!requirement) continue;
        if (driver.curedBy && (requirements.packages.has(driver.curedBy) || configPatchesPsycopg(invocation.config?.model))) continue;
        findings.push({
          rule: RULE_ID,
          path: site.path,
          range: site.range,
          message:
            `The ${inUse.written} worker serves many requests per process by patching Python's sockets, but \`${requirement.rawName}\` ` +
            `talks to the database from C, out of ${library}'s reach: every query blocks the whole worker. ` +
            `${driver.cure.charAt(0).toUpperCase()}${driver.cure.slice(1).replace('gevent.', `${library}.`)}.`,
          related: related({ path: requirement.path, range: requirement.range }, `\`${requirement.rawName}\` is required here`),
        });
      }
    }
    return unique(findings);
  },
};
