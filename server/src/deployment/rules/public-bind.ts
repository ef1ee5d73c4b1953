/**
 * deploy/public-bind: gunicorn listens on every interface (or a public address) while nginx on the same host
 * reaches it over loopback. Anyone who can reach the machine's port talks to gunicorn directly, past nginx's TLS,
 * limits and headers. Only for hosts where nginx and gunicorn share a machine (systemd, Procfile, supervisord, a
 * plain config): in a container, binding every interface is how the proxy reaches it at all.
 */
import type { FileEdit } from '../../core/findings';
import { isAddressLiteral, isLoopbackHost, isWildcardHost, serves } from '../addresses';
import { dataOf, related, unique } from '../findings';
import type { HostKind } from '../model';
import type { DeploymentFinding, DeploymentRule } from '../rule';

const RULE_ID = 'deploy/public-bind';
const SAME_HOST: readonly HostKind[] = ['systemd', 'procfile', 'config', 'supervisord'];

/** Where `HOST:PORT` sits in the text of a bind (a quoted string, a flag value, `--bind=...`). */
function hostPortRange(text: string, start: number, end: number, port: number): { start: number; end: number } | undefined {
  const slice = text.slice(start, end);
  const match = new RegExp(`(\\[[0-9A-Fa-f:.]*\\]|[0-9.]*|[A-Za-z0-9.-]*):${port}(?![0-9])`).exec(slice);
  if (!match) return undefined;
  return { start: start + match.index, end: start + match.index + match[0].length };
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'gunicorn binds every interface or a public address while nginx on the same host proxies to it over loopback.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const { invocation, proxies } of model.deployments) {
      if (!SAME_HOST.includes(invocation.host)) continue;
      for (const bind of invocation.binds) {
        const { endpoint } = bind;
        if (bind.via !== 'gunicorn' || endpoint.kind !== 'tcp' || endpoint.host === undefined || endpoint.port === undefined) continue;
        const exposed = isWildcardHost(endpoint.host) || (isAddressLiteral(endpoint.host) && !isLoopbackHost(endpoint.host));
        if (!exposed) continue;
        const loopback = proxies
          .flatMap((p) => p.endpoints)
          .filter((e) => e.value.kind === 'tcp' && isLoopbackHost(e.value.host) && serves(endpoint, e.value) === true);
        if (loopback.length === 0) continue;
        const target = loopback[0].value.host === '::1' ? `[::1]:${endpoint.port}` : `127.0.0.1:${endpoint.port}`;
        findings.push({
          rule: RULE_ID,
          path: bind.place.path,
          range: bind.place.range,
          message: `gunicorn listens on ${endpoint.text}, reachable from other machines, while nginx on this host connects over loopback: clients can bypass nginx (its TLS, limits and headers) and talk to gunicorn directly. Bind ${target} or a unix socket.`,
          related: loopback.flatMap((e) => related(e.place, 'nginx connects over loopback here')),
          data: { port: endpoint.port, target },
        });
      }
    }
    return unique(findings);
  },
  fixes(finding, { project }) {
    const { port, target } = dataOf<{ port: number; target: string }>(finding);
    if (typeof port !== 'number' || typeof target !== 'string') return [];
    const text = project.readFile(finding.path);
    const range = text === undefined ? undefined : hostPortRange(text, finding.range.start, finding.range.end, port);
    if (!range) return [];
    const edit: FileEdit = { path: finding.path, range, newText: target };
    return [{ title: `Bind ${target}`, safe: false, preferred: true, edits: [edit] }];
  },
};
