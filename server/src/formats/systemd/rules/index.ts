/**
 * Every systemd check of one unit file, in the order they run. runtime-directory and nofile-limit read the whole
 * deployment (the config file, GUNICORN_CMD_ARGS, the command line) and live in deployment/rules/.
 */
import type { Rule } from '../../../core/rule';
import type { SystemdCheckContext } from '../context';
import { execRelativePath } from './execRelativePath';
import { invalidValue } from './invalidValue';
import { killMode } from './killMode';
import { killSignal } from './kill-signal';
import { missingReload } from './missingReload';
import { notifyType } from './notifyType';
import { runsAsRoot } from './runs-as-root';
import { secretInEnvironment } from './secretInEnvironment';
import { socketUnitMissing } from './socketUnitMissing';
import { syntax } from './syntax';
import { unknownDirective } from './unknownDirective';
import { unknownSection } from './unknownSection';

export const SYSTEMD_RULES: readonly Rule<SystemdCheckContext>[] = [
  syntax,
  unknownSection,
  unknownDirective,
  invalidValue,
  execRelativePath,
  missingReload,
  killMode,
  killSignal,
  notifyType,
  runsAsRoot,
  secretInEnvironment,
  socketUnitMissing,
];
