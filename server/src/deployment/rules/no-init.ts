/**
 * container/no-init: in a container, PID 1 is special: the kernel gives it no default signal handlers and it must
 * reap orphaned children. When a shell (`sh -c "gunicorn ..."`) or a wrapper script that runs gunicorn without
 * `exec` is PID 1, SIGTERM from `docker stop` or Kubernetes goes to that shell, which neither passes it on nor
 * exits, and gunicorn is killed at the end of the grace period. An init (tini, dumb-init, `docker run --init`,
 * compose `init: true`) in front forwards signals and reaps; a script that `exec`s gunicorn makes gunicorn PID 1,
 * which handles SIGTERM itself. Reads only the container facts, so every runtime counts. A shell-form CMD is
 * container/shell-form-cmd's, not reported twice.
 */
import { related, unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';

const RULE_ID = 'container/no-init';

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'info',
  summary: 'A wrapper script or shell is PID 1 in front of gunicorn without an init (`tini`, `--init`, `init: true`).',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const container = invocation.container;
      const pid1 = container?.pid1;
      if (!container || !pid1 || container.init) continue;
      if (pid1.value !== 'shell' && pid1.value !== 'script') continue;
      if (pid1.value === 'shell' && container.shellForm) continue;
      const what = pid1.value === 'shell' ? 'A shell' : 'The entrypoint script';
      const how =
        pid1.value === 'shell'
          ? 'Start gunicorn with `exec` inside the shell command (`exec gunicorn ...`), or run an init in front (tini, `--init`, compose `init: true`).'
          : 'End the script with `exec gunicorn ...` (or `exec "$@"`), or run an init in front (tini, `--init`, compose `init: true`).';
      findings.push({
        rule: RULE_ID,
        path: pid1.place.path,
        range: pid1.place.range,
        message:
          `${what} is PID 1 of the container and gunicorn runs as its child: the stop signal goes to PID 1, which does not pass it on, ` +
          `so gunicorn never shuts down gracefully and is killed when the grace period ends. ${how}`,
        related: related(
          invocation.command.path !== pid1.place.path || invocation.command.range.start !== pid1.place.range.start ? invocation.command : undefined,
          'gunicorn starts here',
        ),
      });
    }
    return unique(findings);
  },
};
