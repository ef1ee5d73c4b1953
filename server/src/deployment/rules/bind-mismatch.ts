/**
 * deploy/bind-mismatch: nginx proxies to a unix socket or a loopback port that nothing serves, while a gunicorn
 * of the same workspace listens somewhere no proxy reaches. Both halves are needed before it speaks: a proxy to an
 * unserved port next to gunicorns that are all reached is most likely another program (a node app, grafana), and
 * it only speaks when every invocation's binds are certain (see knownBinds).
 */
import type { Fix } from '../../core/findings';
import { isJudgeable, isLoopbackHost, isWildcardHost, reachesByName, serves } from '../addresses';
import { knownBinds } from '../knownBinds';
import { dataOf, related, unique } from '../findings';
import type { BoundEndpoint, DeploymentModel, Endpoint, Invocation } from '../model';
import { addressRange } from '../nginxEdits';
import type { DeploymentFinding, DeploymentFixContext, DeploymentRule } from '../rule';

const RULE_ID = 'deploy/bind-mismatch';

/** Whether any bind may serve the target (an unanswerable pair counts as "may"). */
function mayServe(binds: readonly BoundEndpoint[], target: Endpoint): boolean {
  return binds.some((b) => serves(b.endpoint, target) !== false);
}

/** How nginx writes the address that reaches this bind; undefined when there is no one obvious way. */
function nginxAddress(bind: Endpoint): string | undefined {
  if (bind.kind === 'unix') return bind.socketPath?.startsWith('/') ? `unix:${bind.socketPath}` : undefined;
  if (bind.kind !== 'tcp' || bind.port === undefined || bind.host === undefined) return undefined;
  if (isWildcardHost(bind.host)) return `127.0.0.1:${bind.port}`;
  const host = bind.host.replace(/^\[(.*)\]$/, '$1');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return `${host}:${bind.port}`;
  if (/^[0-9A-Fa-f:]+$/.test(host) && host.includes(':')) return `[${host}]:${bind.port}`;
  return undefined; // a name: nginx resolves it elsewhere, not ours to write
}

/**
 * nginx in one container proxying to another by name (`proxy_pass http://web:8000`, `web` a compose service or
 * Kubernetes Service): gunicorn there must listen on every interface at that port. A loopback bind inside the
 * container (127.0.0.1:8000) is the classic compose 502: the finding goes on the bind, the line to change. A
 * container listening on other ports only gets the finding on the nginx address, as on one host.
 */
function containerMismatches(model: DeploymentModel): DeploymentFinding[] {
  const findings: DeploymentFinding[] = [];
  for (const target of model.proxies.flatMap((proxy) => proxy.endpoints)) {
    const endpoint = target.value;
    if (endpoint.kind !== 'tcp' || endpoint.port === undefined || !endpoint.key.startsWith('name ')) continue;
    const name = (endpoint.host ?? '').toLowerCase();
    for (const invocation of model.invocations) {
      const hostnames = invocation.container?.hostnames ?? [];
      if (!hostnames.includes(name)) continue;
      const binds = knownBinds(invocation);
      if (!binds || binds.some((b) => reachesByName(endpoint, b.endpoint, hostnames))) continue;
      if (!binds.every((b) => b.endpoint.kind === 'tcp' && b.endpoint.host !== undefined)) continue;
      const loopback = binds.filter((b) => b.endpoint.port === endpoint.port && isLoopbackHost(b.endpoint.host));
      for (const bind of loopback) {
        findings.push({
          rule: RULE_ID,
          path: bind.place.path,
          range: bind.place.range,
          message: `gunicorn binds ${bind.endpoint.text} inside the container, which only the container itself can reach, while nginx connects to ${endpoint.text} from another container: every request gets 502 Bad Gateway. Bind 0.0.0.0:${endpoint.port}.`,
          related: related(target.place, `nginx connects to ${endpoint.text}`),
          data: { bind: `0.0.0.0:${endpoint.port}`, port: endpoint.port },
        });
      }
      if (loopback.length > 0) continue;
      const ports = [...new Set(binds.filter((b) => isWildcardHost(b.endpoint.host)).map((b) => b.endpoint.port))];
      findings.push({
        rule: RULE_ID,
        path: target.place.path,
        range: target.place.range,
        message: `nginx connects to ${endpoint.text}, but gunicorn in that container listens on ${binds.map((b) => b.endpoint.text).join(', ')}: every request gets 502 Bad Gateway.`,
        related: binds.flatMap((b) => related(b.place, `gunicorn binds ${b.endpoint.text}`)),
        ...(ports.length === 1 ? { data: { replacement: `${endpoint.host}:${ports[0]}` } } : {}),
      });
    }
  }
  return findings;
}

/** Where `HOST:PORT` sits in the text of a bind (a quoted string, a flag value, `--bind=...`). */
function hostPortRange(text: string, start: number, end: number, port: number): { start: number; end: number } | undefined {
  const match = new RegExp(`(\\[[0-9A-Fa-f:.]*\\]|[0-9.]*|[A-Za-z0-9.-]*):${port}(?![0-9])`).exec(text.slice(start, end));
  return match ? { start: start + match.index, end: start + match.index + match[0].length } : undefined;
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'error',
  summary: 'nginx proxies to a socket or loopback port that no gunicorn bind and no systemd socket provides.',
  check(model) {
    return unique([...containerMismatches(model), ...sameHostMismatches(model)]);
  },
  fixes(finding, context) {
    const { bind, port } = dataOf<{ bind: string; port: number }>(finding);
    if (typeof bind !== 'string' || typeof port !== 'number') return sameHostFixes(finding, context);
    const text = context.project.readFile(finding.path);
    const range = text === undefined ? undefined : hostPortRange(text, finding.range.start, finding.range.end, port);
    return range ? [{ title: `Bind ${bind}`, safe: false, preferred: true, edits: [{ path: finding.path, range, newText: bind }] }] : [];
  },
};

function sameHostMismatches(model: DeploymentModel): DeploymentFinding[] {
  if (model.invocations.length === 0) return [];
  const perInvocation = new Map<Invocation, BoundEndpoint[]>();
  for (const invocation of model.invocations) {
    const binds = knownBinds(invocation);
    if (!binds) return [];
    perInvocation.set(invocation, binds);
  }
  const provided = [...[...perInvocation.values()].flat(), ...model.socketUnits.flatMap((unit) => unit.listen)];
  const targets = model.proxies.flatMap((proxy) => proxy.endpoints);
  // A gunicorn no proxy reaches is the other half of a mismatch: what the unserved proxy was meant for.
  const orphans = [...perInvocation.values()].flat().filter((bind) => !targets.some((t) => serves(bind.endpoint, t.value) !== false));
  if (orphans.length === 0) return [];
  const findings: DeploymentFinding[] = [];
  for (const target of targets) {
    if (!isJudgeable(target.value) || mayServe(provided, target.value)) continue;
    const sameKind = orphans.filter((b) => b.endpoint.kind === target.value.kind);
    const replacements = [...new Set(sameKind.map((b) => nginxAddress(b.endpoint)))];
    const replacement = sameKind.length > 0 && replacements.length === 1 ? replacements[0] : undefined;
    const listens = [...new Set(orphans.map((b) => b.endpoint.text))].join(', ');
    findings.push({
      rule: RULE_ID,
      path: target.place.path,
      range: target.place.range,
      message: `nginx connects to ${target.value.text}, but no gunicorn binds it and no systemd socket listens there (gunicorn listens on ${listens}): every request gets 502 Bad Gateway.`,
      related: orphans.flatMap((b) => related(b.place, `gunicorn binds ${b.endpoint.text}`)),
      ...(replacement ? { data: { replacement } } : {}),
    });
  }
  return findings;
}

function sameHostFixes(finding: DeploymentFinding, { project }: DeploymentFixContext): Fix[] {
  const { replacement } = dataOf<{ replacement: string }>(finding);
  if (typeof replacement !== 'string') return [];
  const text = project.readFile(finding.path);
  const range = text === undefined ? undefined : addressRange(text, finding.range);
  if (!range) return [];
  const fix: Fix = {
    title: `Proxy to ${replacement}, where gunicorn listens`,
    safe: false,
    preferred: true,
    edits: [{ path: finding.path, range, newText: replacement }],
  };
  return [fix];
}
