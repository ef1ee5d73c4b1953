/**
 * gunicorn/forwarded-allow-all, read from the deployment: `forwarded_allow_ips` trusts `*` (everyone's
 * X-Forwarded-For/-Proto) while gunicorn listens on a TCP address other machines can reach. Both values are the
 * effective ones, so `--forwarded-allow-ips '*'` on a command line counts like the config line, and a bind from the
 * command line counts against a config's `"*"`. The finding sits on the `"*"` where it is written. Quiet when the
 * bind is not known (environment, call) or `*` comes from gunicorn's default (FORWARDED_ALLOW_IPS).
 */
import { listSetting, settingOf } from '../effective';
import { isLoopbackHost } from '../addresses';
import { related, unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';

const RULE_ID = 'gunicorn/forwarded-allow-all';

function trustsEveryone(entries: readonly string[]): boolean {
  return entries.some((entry) => entry.split(',').some((part) => part.trim() === '*'));
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: '`forwarded_allow_ips = "*"` while gunicorn binds a non-loopback TCP address: clients can spoof `X-Forwarded-*`.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const allow = settingOf(invocation, 'forwarded_allow_ips');
      const entries = listSetting(invocation, 'forwarded_allow_ips');
      if (allow.source === 'default' || !allow.place || !entries || !trustsEveryone(entries)) continue;
      if (!settingOf(invocation, 'bind').value.known) continue;
      const exposed = invocation.binds.find((b) => b.endpoint.kind === 'tcp' && !isLoopbackHost(b.endpoint.host));
      if (!exposed) continue;
      findings.push({
        rule: RULE_ID,
        path: allow.place.path,
        range: allow.place.range,
        message: `gunicorn binds \`${exposed.endpoint.text}\`, so clients can reach it directly and forge \`X-Forwarded-*\` headers that \`"*"\` trusts; list the proxy's addresses instead.`,
        related: related(exposed.place, 'the bind address'),
      });
    }
    return unique(findings);
  },
};
