/**
 * gunicorn/cpu-count-in-container: `workers` computed from `multiprocessing.cpu_count()` / `os.cpu_count()` while
 * the container has a CPU limit. Both count the host's cores, not the container's quota: a 2-CPU pod on a 64-core
 * node starts 129 workers that share 2 CPUs (and their memory). Only a limit the workspace states (compose `cpus:`,
 * `deploy.resources.limits.cpus`, Kubernetes `resources.limits.cpu`) and a count that reaches `workers` through the
 * expression itself or one module-level name are judged.
 */
import { settingOf } from '../effective';
import { related, unique } from '../findings';
import type { Invocation } from '../model';
import type { DeploymentFinding, DeploymentRule } from '../rule';

const RULE_ID = 'gunicorn/cpu-count-in-container';

const CPU_COUNT = /\b(?:multiprocessing|os|psutil)\s*\.\s*cpu_count\s*\(|(?<![.\w])cpu_count\s*\(/;
const NOT_NAMES = new Set([
  'int',
  'max',
  'min',
  'round',
  'len',
  'str',
  'float',
  'and',
  'or',
  'not',
  'if',
  'else',
  'None',
  'True',
  'False',
  'os',
  'environ',
  'get',
  'getenv',
]);

/** The count as written in `workers`, or through one module-level name it uses (`cores = cpu_count()`). */
function cpuCountCall(expression: string, configText: string | undefined): string | undefined {
  const direct = CPU_COUNT.exec(expression);
  if (direct) return direct[0].replace(/\s+/g, '').replace(/\($/, '()');
  if (!configText) return undefined;
  for (const name of new Set(expression.match(/(?<![.\w])[A-Za-z_]\w*/g) ?? [])) {
    if (NOT_NAMES.has(name)) continue;
    const assigned = new RegExp(`^${name}\\s*(?::[^=\\n]*)?=(?!=)(.*)$`, 'm').exec(configText);
    const call = assigned && CPU_COUNT.exec(assigned[1]);
    if (call) return call[0].replace(/\s+/g, '').replace(/\($/, '()');
  }
  return undefined;
}

/** `os.environ.get("WEB_CONCURRENCY", ...)`: a variable the container sets takes precedence over the count. */
function environmentWins(expression: string, invocation: Invocation): boolean {
  if (!/environ|getenv/.test(expression)) return false;
  return [...expression.matchAll(/["']([A-Za-z_][A-Za-z0-9_]*)["']/g)].some((match) => invocation.environment.has(match[1]));
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: "`workers` computed from `cpu_count()` in a container with a CPU limit: it counts the host's cores.",
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const limit = invocation.container?.cpuLimit;
      if (!limit) continue;
      const workers = settingOf(invocation, 'workers');
      if (workers.value.known || !workers.value.text || !workers.place) continue;
      const call = cpuCountCall(workers.value.text, workers.source === 'config' ? invocation.config?.text : undefined);
      if (!call || environmentWins(workers.value.text, invocation)) continue;
      const cpus = `${limit.value} CPU${limit.value === 1 ? '' : 's'}`;
      findings.push({
        rule: RULE_ID,
        path: workers.place.path,
        range: workers.place.range,
        message:
          `\`workers\` comes from \`${call}\`, which counts the host's cores, not the ${cpus} this container may use: on a large ` +
          `node gunicorn starts many times more workers than the limit can run, and they fight over the quota and the memory. ` +
          `Size workers from the limit (set WEB_CONCURRENCY beside it).`,
        related: related(limit.place, `the container is limited to ${cpus} here`),
      });
    }
    return unique(findings);
  },
};
