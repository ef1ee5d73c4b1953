/**
 * deploy/upload-limits: nginx streams large request bodies straight to sync workers. With
 * `proxy_request_buffering off` nginx hands the body on as it arrives, so a sync worker spends the whole upload
 * reading it, and its `timeout` (which bounds a whole request for the sync worker) covers the upload too. Said
 * when `client_max_body_size` (1 MiB by default; 0 is no limit) is more than a client sending 1 MiB/s could upload
 * within `timeout`: such an upload gets its worker killed and the client a 502. With buffering on (nginx's
 * default) nginx takes the body first and the worker sees it in one piece, so nothing is said.
 */
import { numberSetting, settingPlace } from '../effective';
import { related, unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { runsSyncWorker } from '../workers';

const RULE_ID = 'deploy/upload-limits';
const MIB = 1024 * 1024;
const NGINX_DEFAULT_BODY = MIB;
/** An upload rate many clients do not reach (mobile networks, home uplinks). */
const ASSUMED_RATE = MIB;

function size(bytes: number): string {
  return bytes === 0 ? 'no limit' : bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

function slow(limit: number, timeout: number): string {
  return limit === 0
    ? `an upload that takes longer than ${timeout} s`
    : `an upload of the largest size slower than ${Math.max(1, Math.floor(limit / timeout / 1024))} KiB/s`;
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'info',
  summary: 'Large uploads streamed unbuffered to sync workers: gunicorn `timeout` then covers the whole upload.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const { invocation, proxies } of model.deployments) {
      const timeout = numberSetting(invocation, 'timeout');
      if (timeout === undefined || timeout <= 0 || runsSyncWorker(invocation) !== true) continue;
      for (const proxy of proxies) {
        const buffering = proxy.requestBuffering;
        if (!buffering || buffering.value !== false) continue;
        const limit = proxy.clientMaxBodySize?.value ?? NGINX_DEFAULT_BODY;
        if (limit !== 0 && limit <= timeout * ASSUMED_RATE) continue;
        findings.push({
          rule: RULE_ID,
          path: buffering.place.path,
          range: buffering.place.range,
          message: `nginx passes request bodies (client_max_body_size: ${size(limit)}) to gunicorn as they arrive, and a sync worker is killed after ${timeout} s (timeout) whatever it is doing: ${slow(limit, timeout)} ends in a 502, and each upload holds a worker for its whole length. Buffer the body in nginx, or use a threaded or async worker for uploads.`,
          related: [
            ...related(proxy.clientMaxBodySize?.place, 'client_max_body_size'),
            ...related(settingPlace(invocation, 'timeout') ?? invocation.command, 'gunicorn timeout'),
          ],
        });
      }
    }
    return unique(findings);
  },
};
