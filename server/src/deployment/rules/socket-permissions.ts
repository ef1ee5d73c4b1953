/**
 * deploy/socket-permissions: nginx's workers run as a user that cannot write to gunicorn's unix socket, so every
 * connection is refused (502). Said only when the answer is certain: the socket's mode and owner come from literal
 * settings or defaults (socketMode.ts), nginx's `user` is known, and the socket's group has no write bit (whether
 * nginx's user belongs to a group is not written in any file we read).
 */
import { related, unique } from '../findings';
import { serves } from '../addresses';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { mayConnect, octal, socketAccess } from '../socketMode';

const RULE_ID = 'deploy/socket-permissions';

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: "The unix socket's mode and owner do not let nginx's user connect.",
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const { invocation, proxies } of model.deployments) {
      for (const bind of invocation.binds) {
        if (bind.endpoint.kind !== 'unix') continue;
        const access = socketAccess(invocation, bind);
        if (!access?.modePlace) continue; // the defaults (0777 from umask 0, SocketMode=0666) let anyone in
        for (const proxy of proxies) {
          const nginxUser = proxy.nginxUser?.value.trim().split(/\s+/)[0];
          if (!nginxUser) continue;
          const reaching = proxy.endpoints.filter((e) => serves(bind.endpoint, e.value) === true);
          if (reaching.length === 0 || mayConnect(access, nginxUser) !== false) continue;
          const setBy = bind.via === 'systemd-socket' ? 'SocketMode=' : 'umask';
          findings.push({
            rule: RULE_ID,
            path: access.modePlace.path,
            range: access.modePlace.range,
            message: `The socket ${bind.endpoint.socketPath} gets mode ${octal(access.mode)} (${setBy}) and belongs to ${access.owner ?? 'another user'}, but nginx runs as ${nginxUser}, who may not write to it: every connection is refused and nginx answers 502.`,
            related: [
              ...related(proxy.nginxUser?.place, `nginx runs as ${nginxUser}`),
              ...reaching.flatMap((e) => related(e.place, 'nginx connects here')),
              ...related(access.ownerPlace, 'the socket owner'),
            ],
          });
        }
      }
    }
    return unique(findings);
  },
};
