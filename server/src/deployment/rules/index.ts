/**
 * Every cross-file check, in the order they run. Each lives in `<slug>.ts` (its id's slug) and exports `rule`.
 * Two lists only so that the gunicorn checks and the deploy checks can grow side by side; they run as one.
 */
import type { DeploymentRule } from '../rule';
import { rule as appNotFound } from './app-not-found';
import { rule as asgiAppWsgiWorker } from './asgi-app-wsgi-worker';
import { rule as cpuCountInContainer } from './cpu-count-in-container';
import { rule as daemonUnderSupervisor } from './daemon-under-supervisor';
import { rule as geventBlockingDriver } from './gevent-blocking-driver';
import { rule as preloadCuda } from './preload-cuda';
import { rule as preloadDbPool } from './preload-db-pool';
import { rule as preloadGevent } from './preload-gevent';
import { rule as prometheusMultiprocess } from './prometheus-multiprocess';
import { rule as sigtermOverrideInApp } from './sigterm-override-in-app';
import { rule as workerPackageMissing } from './worker-package-missing';
import { rule as wsgiAppAsgiWorker } from './wsgi-app-asgi-worker';
// deploy/ and moved checks
import { rule as bindMismatch } from './bind-mismatch';
import { rule as proxyTimeout } from './proxy-timeout';
import { rule as stopTimeout } from './stop-timeout';
import { rule as privateTmpSocket } from './private-tmp-socket';
import { rule as socketPermissions } from './socket-permissions';
import { rule as preloadReload } from './preload-reload';
import { rule as uploadLimits } from './upload-limits';
import { rule as publicBind } from './public-bind';
import { rule as configNotFound } from './config-not-found';
import { rule as runtimeDirectory } from './runtime-directory';
import { rule as nofileLimit } from './nofile-limit';
import { rule as forwardedAllowAll } from './forwarded-allow-all';
// container/
import { rule as noInit } from './no-init';
import { rule as runsAsRoot } from './runs-as-root';
import { rule as startupProbe } from './startup-probe';

/** gunicorn/ checks that need more than the config file: the app, the requirements, the supervisor. */
const GUNICORN_DEPLOYMENT_RULES: readonly DeploymentRule[] = [
  appNotFound,
  preloadDbPool,
  preloadCuda,
  preloadGevent,
  geventBlockingDriver,
  asgiAppWsgiWorker,
  wsgiAppAsgiWorker,
  workerPackageMissing,
  prometheusMultiprocess,
  daemonUnderSupervisor,
  sigtermOverrideInApp,
  cpuCountInContainer,
];

/** deploy/ checks and the systemd checks that read the deployment (runtime-directory, nofile-limit). */
const DEPLOY_RULES: readonly DeploymentRule[] = [
  bindMismatch,
  proxyTimeout,
  stopTimeout,
  privateTmpSocket,
  socketPermissions,
  preloadReload,
  uploadLimits,
  publicBind,
  configNotFound,
  runtimeDirectory,
  nofileLimit,
  forwardedAllowAll,
  noInit,
  runsAsRoot,
  startupProbe,
];

export const DEPLOYMENT_RULES: readonly DeploymentRule[] = [...GUNICORN_DEPLOYMENT_RULES, ...DEPLOY_RULES];
