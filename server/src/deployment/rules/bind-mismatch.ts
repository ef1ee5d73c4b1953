/**
 * deploy/bind-mismatch: nginx proxies to a unix socket or a loopback port that nothing serves, while a gunicorn
 * of the same workspace listens somewhere no proxy reaches. Both halves are needed before it speaks: a proxy to an
 * unserved port next to gunicorns that are all reached is most likely another program (a node app, grafana), and
 * it only speaks when every invocation's binds are certain (see knownBinds).
 */
import type { Fix } from '../../core/findings';
import { isJudgeable, isLoopbackHost, isWildcardHost, serves } from '../addresses';
import { entrancesOf, type Entrance } from '../containerEntrances';
import { defaultBindFixes } from '../defaultBindEdits';
import { bindsByDefault, containerBinds, knownBinds } from '../knownBinds';
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
 * A container reached from outside it (nginx in another container by name, a port compose publishes, a Kubernetes
 * Service's targetPort): gunicorn there must listen on every interface at the port the connections arrive at. A
 * loopback bind inside the container (127.0.0.1:8000, gunicorn's default among them) is the classic 502: the finding
 * goes on the bind, the line to change (the command, for the default). A container listening on other ports only
 * gets the finding where the connection is made, as on one host.
 */
function containerMismatches(model: DeploymentModel): DeploymentFinding[] {
  const findings: DeploymentFinding[] = [];
  for (const invocation of model.invocations) {
    const binds = containerBinds(invocation);
    if (!binds) continue;
    const byDefault = bindsByDefault(invocation);
    const entrances = entrancesOf(model, invocation);
    const unreached = new Map<BoundEndpoint, Entrance[]>();
    for (const entrance of entrances) {
      if (binds.some((b) => b.endpoint.port === entrance.port && isWildcardHost(b.endpoint.host))) continue;
      const loopback = binds.filter((b) => b.endpoint.port === entrance.port && isLoopbackHost(b.endpoint.host));
      for (const bind of loopback) unreached.set(bind, [...(unreached.get(bind) ?? []), entrance]);
      if (loopback.length > 0 || binds.some((b) => b.endpoint.port === entrance.port)) continue;
      findings.push(elsewhere(entrance, binds, byDefault));
    }
    for (const [bind, reaching] of unreached) findings.push(loopbackOnly(invocation, bind, reaching, byDefault));
  }
  return findings;
}

const DEFAULT_NOTE = "(gunicorn's default: nothing sets `bind`, and the container's environment has no PORT)";

/** The finding on a loopback bind that connections from outside the container cannot reach. */
function loopbackOnly(invocation: Invocation, bind: BoundEndpoint, reaching: Entrance[], byDefault: boolean): DeploymentFinding {
  const port = reaching[0].port;
  const where = reaching.map((entrance) => entrance.label).join('; ');
  const binds = byDefault ? `gunicorn binds ${bind.endpoint.text} ${DEFAULT_NOTE}` : `gunicorn binds ${bind.endpoint.text}`;
  return {
    rule: RULE_ID,
    path: bind.place.path,
    range: bind.place.range,
    message: `${binds} inside the container, where only the container itself can connect, but connections come from outside it (${where}): ${outcome(reaching)}. Bind 0.0.0.0:${port}.`,
    related: reaching.flatMap((entrance) => related(entrance.place, entrance.label)),
    data: byDefault ? { defaultBind: `0.0.0.0:${port}`, invocation: invocation.id } : { bind: `0.0.0.0:${port}`, port },
  };
}

function outcome(entrances: readonly Entrance[]): string {
  return entrances.every((entrance) => entrance.kind === 'nginx')
    ? 'every request gets 502 Bad Gateway'
    : 'every connection is refused (502 Bad Gateway behind a proxy)';
}

/** The finding on the place that connects to a port gunicorn does not listen on at all. */
function elsewhere(entrance: Entrance, binds: BoundEndpoint[], byDefault: boolean): DeploymentFinding {
  const listens = binds.map((b) => b.endpoint.text).join(', ') + (byDefault ? ` ${DEFAULT_NOTE}` : '');
  const ports = [...new Set(binds.filter((b) => isWildcardHost(b.endpoint.host)).map((b) => b.endpoint.port))];
  const finding: DeploymentFinding = {
    rule: RULE_ID,
    path: entrance.place.path,
    range: entrance.place.range,
    message: `${entrance.label}, but gunicorn in that container listens on ${listens}: ${outcome([entrance])}.`,
    related: binds.flatMap((b) => related(b.place, `gunicorn binds ${b.endpoint.text}`)),
  };
  const endpoint = entrance.endpoint;
  if (endpoint && ports.length === 1 && entrance.port === endpoint.port) finding.data = { replacement: `${endpoint.host}:${ports[0]}` };
  return finding;
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
    const { defaultBind } = dataOf<{ defaultBind: string }>(finding);
    if (typeof defaultBind === 'string') return defaultBindFixes(finding, defaultBind, context);
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
