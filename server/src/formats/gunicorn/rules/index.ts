/** Every single-file check of a gunicorn config, in catalog order. */
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import { appTargetSyntax } from './app-target-syntax';
import { deprecatedUvicornWorker } from './deprecated-uvicorn-worker';
import { duplicateSetting } from './duplicate-setting';
import { hookSignature } from './hook-signature';
import { invalidValue } from './invalid-value';
import { maxRequestsNoJitter } from './max-requests-no-jitter';
import { reloadInProduction } from './reload-in-production';
import { reloadWithPreload } from './reload-with-preload';
import { sigtermOverride } from './sigterm-override';
import { threadsWithSync } from './threads-with-sync';
import { timeoutBandAid } from './timeout-band-aid';
import { unknownLogAtom } from './unknown-log-atom';
import { unknownSetting } from './unknown-setting';
import { unknownWorkerClass } from './unknown-worker-class';
import { workerConnectionsUnused } from './worker-connections-unused';

export const GUNICORN_RULES: Rule<GunicornCheckContext>[] = [
  unknownSetting,
  invalidValue,
  unknownWorkerClass,
  hookSignature,
  unknownLogAtom,
  duplicateSetting,
  appTargetSyntax,
  timeoutBandAid,
  reloadWithPreload,
  reloadInProduction,
  maxRequestsNoJitter,
  workerConnectionsUnused,
  threadsWithSync,
  deprecatedUvicornWorker,
  sigtermOverride,
];

export { pathLikeTarget } from '../../../knowledge/gunicorn/appTarget';
