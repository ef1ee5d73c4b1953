/**
 * The binds of an invocation when they are certain: a check that says "nothing serves this address" must not guess
 * what gunicorn binds. gunicorn's default (127.0.0.1:8000) counts only where the environment is known and has no
 * PORT (gunicorn then binds 0.0.0.0:$PORT): under systemd or supervisord. A config no host starts, or a Procfile
 * (the platform sets PORT), leaves the default open.
 */
import { settingOf } from './effective';
import type { BoundEndpoint, Invocation } from './model';

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
