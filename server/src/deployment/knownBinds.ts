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

/**
 * The binds of gunicorn in a compose service or Kubernetes container when they are certain and all TCP addresses.
 * gunicorn's default (127.0.0.1:8000; 0.0.0.0:$PORT when PORT is set, as config.py's `Bind` has said since 0.16,
 * test/reference/gunicorn-settings.json) counts when the container's environment is
 * all in the workspace and has no PORT: not behind an `env_file:`, `envFrom:` or an image whose ENV is unknown.
 */
export function containerBinds(invocation: Invocation): BoundEndpoint[] | undefined {
  const container = invocation.container;
  if (!container || (container.runtime !== 'compose' && container.runtime !== 'kubernetes')) return undefined;
  const binds = invocation.binds;
  const tcp = (b: BoundEndpoint) => b.via === 'gunicorn' && b.endpoint.kind === 'tcp' && b.endpoint.host !== undefined && b.endpoint.port !== undefined;
  if (binds.length === 0 || !binds.every(tcp)) return undefined;
  const bind = settingOf(invocation, 'bind');
  if (!bind.value.known) return undefined;
  if (bind.source === 'default' && (invocation.environment.has('PORT') || container.openEnvironment || !configIsKnown(invocation))) return undefined;
  return binds;
}

/** Names a config may be set by that parsing cannot follow: `locals()[k] = v` loops, `exec`, star imports. */
const DYNAMIC_CONFIG = /\bimport\s+\*|\b(?:locals|globals|vars)\s*\(|\bexec\s*\(|\bsetattr\s*\(/;

/**
 * Whether the config gunicorn loads is known to set no more than the model read: the `-c` file or the default
 * `gunicorn.conf.py` found in the workspace and free of dynamic assignments, or no default config in the folder that
 * becomes the working directory. A `-c` path the workspace does not have, or a working directory not mapped to the
 * workspace (an image from a registry), may hold a config that sets `bind`.
 */
function configIsKnown(invocation: Invocation): boolean {
  const config = invocation.config;
  if (!config) return false;
  if (!config.path) return !config.written && config.expectedFolder !== undefined;
  if (config.text === undefined || DYNAMIC_CONFIG.test(config.text)) return false;
  return !(config.model?.imports ?? []).some((statement) => statement.names.some((name) => (name.alias ?? name.name) === 'bind' || name.name === '*'));
}

/** Whether the invocation's bind is gunicorn's default (nothing sets `bind`). */
export function bindsByDefault(invocation: Invocation): boolean {
  return settingOf(invocation, 'bind').source === 'default';
}
