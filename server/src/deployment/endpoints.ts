/**
 * Does a gunicorn bind serve what nginx connects to? Only the answers that hold on any machine: unix sockets by
 * path, and TCP to a loopback address (nginx and gunicorn then share the host). A proxy to another host or to a
 * host name is not ours to judge: the name resolves on the target machine, the address may be another box.
 */
import type { BoundEndpoint, Endpoint, Invocation } from './model';
import { settingOf } from './effective';

/** 127.0.0.0/8, ::1 and the names every distribution gives them. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const lower = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return lower === 'localhost' || lower === 'ip6-localhost' || lower === '::1' || lower === '0:0:0:0:0:0:0:1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(lower);
}

/** Every interface: gunicorn's `:8000`, `0.0.0.0`, `[::]`, nginx's `*`. */
export function isWildcardHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const lower = host.replace(/^\[(.*)\]$/, '$1');
  return lower === '' || lower === '*' || lower === '0.0.0.0' || lower === '::' || lower === '0:0:0:0:0:0:0:0';
}

/** An IPv4 or IPv6 literal (not a name). */
export function isAddressLiteral(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(bare) || (bare.includes(':') && /^[0-9A-Fa-f:.]+$/.test(bare));
}

function isIPv6(host: string): boolean {
  return host.replace(/^\[(.*)\]$/, '$1').includes(':');
}

function sameLoopback(a: string, b: string): boolean {
  const norm = (h: string) => {
    const lower = h.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    return lower === '0:0:0:0:0:0:0:1' ? '::1' : lower === 'ip6-localhost' ? 'localhost' : lower;
  };
  const x = norm(a);
  const y = norm(b);
  // `localhost` resolves to 127.0.0.1 and ::1: it meets either.
  return x === y || (x === 'localhost' && (y === '127.0.0.1' || y === '::1')) || (y === 'localhost' && (x === '127.0.0.1' || x === '::1'));
}

/** The proxy endpoints this module can judge: unix paths and TCP to loopback, with a port. */
export function isJudgeable(target: Endpoint): boolean {
  if (target.kind === 'unix') return !!target.socketPath?.startsWith('/');
  return target.kind === 'tcp' && target.port !== undefined && isLoopbackHost(target.host);
}

/**
 * Whether a bind accepts connections to `target` on the same host: true, false, or undefined when it cannot be
 * told (file descriptors, relative socket paths, a proxy to another host).
 */
export function serves(bind: Endpoint, target: Endpoint): boolean | undefined {
  if (!isJudgeable(target)) return undefined;
  if (bind.kind === 'fd') return undefined;
  if (target.kind === 'unix') {
    if (bind.kind !== 'unix') return false;
    if (!bind.socketPath?.startsWith('/')) return undefined;
    return bind.key === target.key || bind.socketPath === target.socketPath;
  }
  if (bind.kind !== 'tcp') return false;
  if (bind.port === undefined || bind.host === undefined) return undefined;
  if (bind.port !== target.port) return false;
  const host = bind.host;
  // Linux dual-stack: `[::]` also takes IPv4 unless net.ipv6.bindv6only is set, and `localhost` may be either.
  if (isWildcardHost(host)) return isIPv6(host) || !isIPv6(target.host!) || target.host!.toLowerCase() === 'localhost';
  if (!isAddressLiteral(host) && host.toLowerCase() !== 'localhost' && host.toLowerCase() !== 'ip6-localhost') return undefined;
  return sameLoopback(host, target.host!);
}

/**
 * The binds of an invocation when they are certain, else undefined. gunicorn's default (127.0.0.1:8000) counts only
 * where the environment is known and has no PORT (gunicorn then binds 0.0.0.0:$PORT): under systemd or supervisord.
 * A config no host starts, or a Procfile (the platform sets PORT), leaves the default open.
 */
export function knownBinds(invocation: Invocation): BoundEndpoint[] | undefined {
  const binds = invocation.binds;
  if (binds.length === 0) return undefined;
  if (binds.some((b) => b.endpoint.kind === 'fd' || (b.endpoint.kind === 'unix' && !b.endpoint.socketPath?.startsWith('/')))) return undefined;
  if (binds.some((b) => b.via === 'systemd-socket')) return binds;
  const bind = settingOf(invocation, 'bind');
  if (!bind.value.known) return undefined;
  if (bind.source === 'default') {
    if (invocation.host !== 'systemd' && invocation.host !== 'supervisord') return undefined;
    if (invocation.environment.has('PORT')) return undefined;
  }
  return binds;
}
