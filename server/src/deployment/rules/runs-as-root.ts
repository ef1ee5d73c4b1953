/**
 * container/runs-as-root: the image that runs gunicorn sets no non-root `USER` in its final stage (and the runtime
 * sets no user either), so gunicorn's master and workers, and anything that exploits the app, run as root in the
 * container. Said only where the image's Dockerfile was read and builds on an image known to run as root (the
 * official python, debian, alpine ... images): an image from a registry or a company base may set its own user. A
 * gunicorn that drops privileges itself (`--user`, `user =` in its config) is fine.
 */
import { isOfficialBaseImage } from '../baseImages';
import { settingOf } from '../effective';
import { unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';

const RULE_ID = 'container/runs-as-root';

/** The official base images leave the user root (baseImages.ts); anything else may set its own USER. */
export function baseRunsAsRoot(base: string | undefined): boolean {
  return isOfficialBaseImage(base);
}

function isRoot(user: string): boolean {
  const name = user.trim().split(':')[0];
  return name === 'root' || name === '0';
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'info',
  summary: 'The image that runs gunicorn has no non-root `USER`.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const container = invocation.container;
      if (!container?.dockerfile) continue;
      const user = container.user;
      if (user && (!isRoot(user.value) || user.value.includes('$'))) continue;
      // Without a USER of its own the image runs as its base does: said only for bases known to run as root.
      if (!user && !baseRunsAsRoot(container.baseImage?.value)) continue;
      const dropped = settingOf(invocation, 'user');
      if (dropped.source !== 'default') continue;
      const where = user?.place ?? invocation.supervisor?.command ?? invocation.command;
      findings.push({
        rule: RULE_ID,
        path: where.path,
        range: where.range,
        message: user
          ? `The container runs gunicorn as ${user.value}: the master, every worker and the app run as root inside the container. Switch to an unprivileged user (\`RUN useradd --create-home app\`, \`USER app\`).`
          : 'The image sets no `USER`, so gunicorn, every worker and the app run as root inside the container. Add an unprivileged user before the command (`RUN useradd --create-home app`, `USER app`).',
      });
    }
    return unique(findings);
  },
};
