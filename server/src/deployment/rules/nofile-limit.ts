/**
 * systemd/nofile-limit, read from the deployment: no LimitNOFILE= while gunicorn may hold more open files than the
 * usual soft limit of 1024. Estimate: workers × (worker_connections for async workers, else threads), each
 * connection counted twice (the client socket plus what serving it opens: a database or upstream connection, a
 * file). The numbers are the effective settings, wherever they are set; quiet when any is not a literal.
 */
import { numberSetting } from '../effective';
import type { Invocation } from '../model';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { addServiceLine, unitDocument } from '../unitEdits';
import { isAsyncWorker, workerClass, workerCount } from '../workers';

const RULE_ID = 'systemd/nofile-limit';
const SOFT_LIMIT = 1024;

export function estimateOpenFiles(invocation: Invocation): number | undefined {
  const workers = workerCount(invocation);
  const name = workerClass(invocation);
  if (workers === undefined || name === undefined) return undefined;
  const perWorker = isAsyncWorker(name) ? numberSetting(invocation, 'worker_connections') : numberSetting(invocation, 'threads');
  return perWorker === undefined ? undefined : workers * perWorker * 2;
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'info',
  summary: 'No `LimitNOFILE` while workers × (threads or worker_connections) can pass 1024 open files.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const supervisor = invocation.supervisor;
      // runtimeDirectories present says the unit's directives were read, so a missing LimitNOFILE= is really missing.
      if (supervisor?.kind !== 'systemd' || !supervisor.runtimeDirectories || supervisor.limitNofile) continue;
      const estimate = estimateOpenFiles(invocation);
      if (estimate === undefined || estimate <= SOFT_LIMIT) continue;
      findings.push({
        rule: RULE_ID,
        path: supervisor.command.path,
        range: supervisor.command.range,
        message: `Gunicorn may hold about ${estimate} open files (workers × connections per worker, twice over), more than the default soft limit of ${SOFT_LIMIT}: accept() then fails with "Too many open files". Set LimitNOFILE=.`,
      });
    }
    return findings;
  },
  fixes(finding, { model, project }) {
    const supervisor = model.invocations.map((i) => i.supervisor).find((s) => s?.kind === 'systemd' && s.path === finding.path);
    if (!supervisor) return [];
    const text = project.readFile(supervisor.path);
    const edit =
      text === undefined
        ? undefined
        : addServiceLine(unitDocument(text, supervisor.path), supervisor.path, 'LimitNOFILE=65536', supervisor.command.range.start);
    return edit ? [{ title: 'Add LimitNOFILE=65536', safe: true, preferred: true, edits: [edit] }] : [];
  },
};
