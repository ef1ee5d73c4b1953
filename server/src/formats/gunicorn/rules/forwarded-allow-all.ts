/**
 * gunicorn/forwarded-allow-all: `forwarded_allow_ips = "*"` trusts `X-Forwarded-For`/`-Proto` from any client. That
 * is right only when nothing but the proxy can reach gunicorn; bound to a public or all-interfaces address,
 * anyone can claim to be HTTPS or any IP.
 */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import type { PyValue } from '../model';
import { bindAddresses, bindingsOf, isLoopbackHost, parseBindAddress } from './facts';

export const RULE_ID = 'gunicorn/forwarded-allow-all';

export const forwardedAllowAll: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'warning',
  summary: '`forwarded_allow_ips = "*"` while gunicorn binds a non-loopback TCP address: clients can spoof `X-Forwarded-*`.',
  check(context) {
    const wildcard = bindingsOf(context.model, 'forwarded_allow_ips').filter((b) => !b.augmented && trustsEveryone(b.value.value));
    if (wildcard.length === 0) return [];
    const bind = bindAddresses(context.model);
    if (!bind) return [];
    const exposed = bind.addresses.find((address) => {
      const parsed = parseBindAddress(address);
      return parsed.kind === 'tcp' && !isLoopbackHost(parsed.host);
    });
    if (exposed === undefined) return [];
    return wildcard.map(
      (binding): Finding => ({
        rule: RULE_ID,
        range: binding.value.range,
        message: `gunicorn binds \`${exposed}\`, so clients can reach it directly and forge \`X-Forwarded-*\` headers that \`"*"\` trusts; list the proxy's addresses instead.`,
        ...(bind.binding ? { related: [{ path: context.path, range: bind.binding.value.range, message: 'the bind address' }] } : {}),
      }),
    );
  },
};

function trustsEveryone(value: PyValue): boolean {
  if (value.kind === 'string') return value.value.split(',').some((entry) => entry.trim() === '*');
  if (value.kind === 'list' || value.kind === 'tuple') return value.items.some((item) => item.value.kind === 'string' && item.value.value.trim() === '*');
  return false;
}
