/**
 * deploy/proxy-timeout: nginx and gunicorn disagree on how long a request may take.
 *
 * Too short: nginx's `proxy_read_timeout` (60 s by default) below gunicorn's `timeout`. Whoever raised `timeout`
 * expects requests that long; nginx answers 504 at its own limit while the worker carries on. Said for every worker
 * class: the worker keeps running either way.
 *
 * Too long: only with the sync worker, where `timeout` is a limit on one request (the master kills a worker that
 * stays silent that long) and an nginx limit set far above it cannot be reached: the request ends in a 502 when
 * gunicorn kills the worker. "Far" is at least twice gunicorn's timeout and 30 s more. With gthread and the async
 * workers `timeout` is a heartbeat of the worker process, so a long nginx limit there is no contradiction.
 */
import { numberSetting, settingPlace } from '../effective';
import { dataOf, related, seconds, unique } from '../findings';
import type { Invocation, NginxProxy } from '../model';
import { setBesideProxyPass, setDirectiveAt } from '../nginxEdits';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { runsSyncWorker } from '../workers';

const RULE_ID = 'deploy/proxy-timeout';
const NGINX_DEFAULT = 60;

function gunicornTimeoutPlace(invocation: Invocation) {
  return related(settingPlace(invocation, 'timeout') ?? invocation.command, 'gunicorn timeout');
}

function findingFor(proxy: NginxProxy, invocation: Invocation, timeout: number, direction: 'short' | 'long'): DeploymentFinding {
  const nginx = proxy.readTimeout?.value ?? NGINX_DEFAULT;
  const written = proxy.readTimeout?.place;
  // On the proxy_read_timeout when this file sets it, else on the proxy_pass whose location the fix edits.
  const where = written && written.path === proxy.place.path ? written : proxy.place;
  const which = written ? `proxy_read_timeout ${seconds(nginx)}` : `proxy_read_timeout, nginx's default of ${seconds(nginx)}`;
  const message =
    direction === 'short'
      ? `nginx waits at most ${seconds(nginx)} for gunicorn (${which}), but gunicorn's timeout is ${seconds(timeout)}: a request that runs longer gets a 504 from nginx while the worker keeps working on it.`
      : `gunicorn's sync worker is killed after ${seconds(timeout)} (timeout), so nginx's ${which} is never reached: a request that runs past ${seconds(timeout)} ends in a 502, not in the wait nginx allows.`;
  return {
    rule: RULE_ID,
    path: where.path,
    range: where.range,
    message,
    related: [...gunicornTimeoutPlace(invocation), ...(where !== proxy.place ? related(proxy.place, 'the proxy') : [])],
    // The directive itself when the finding sits on it: it may be the value of several locations (a server-level
    // proxy_read_timeout), whose findings merge into this one, so the fix edits it rather than one location.
    data: { seconds: timeout, proxy: proxy.place, ...(where === written ? { directive: written } : {}) },
  };
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: "nginx's proxy_read_timeout is shorter than gunicorn's timeout, or (sync workers) far longer.",
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const { invocation, proxies } of model.deployments) {
      const timeout = numberSetting(invocation, 'timeout');
      if (timeout === undefined || timeout <= 0) continue; // 0: no limit at all, a matter for timeout-band-aid
      for (const proxy of proxies) {
        const nginx = proxy.readTimeout?.value ?? NGINX_DEFAULT;
        if (!Number.isFinite(nginx) || nginx <= 0) continue;
        if (nginx < timeout) findings.push(findingFor(proxy, invocation, timeout, 'short'));
        else if (proxy.readTimeout && nginx >= 2 * timeout && nginx >= timeout + 30 && runsSyncWorker(invocation) === true) {
          findings.push(findingFor(proxy, invocation, timeout, 'long'));
        }
      }
    }
    return unique(findings);
  },
  fixes(finding, { project }) {
    type At = { path: string; range: { start: number } };
    const { seconds: timeout, proxy, directive } = dataOf<{ seconds: number; proxy: At; directive: At }>(finding);
    if (typeof timeout !== 'number' || !proxy || typeof proxy.path !== 'string') return [];
    const text = project.readFile(proxy.path);
    if (text === undefined) return [];
    const value = `${timeout}s`;
    const edit =
      directive && directive.path === proxy.path && typeof directive.range?.start === 'number'
        ? setDirectiveAt(text, directive.path, directive.range.start, 'proxy_read_timeout', value)
        : setBesideProxyPass(text, proxy.path, proxy.range.start, 'proxy_read_timeout', value);
    return edit ? [{ title: `Set proxy_read_timeout ${timeout}s (gunicorn's timeout)`, safe: false, preferred: true, edits: [edit] }] : [];
  },
};
