/** Every systemd check, in the order they run. */
import type { Rule } from '../../../core/rule';
import type { SystemdCheckContext } from '../context';
import { execRelativePath } from './execRelativePath';
import { invalidValue } from './invalidValue';
import { killMode } from './killMode';
import { missingReload } from './missingReload';
import { nofileLimit } from './nofileLimit';
import { notifyType } from './notifyType';
import { runtimeDirectory } from './runtimeDirectory';
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
  notifyType,
  secretInEnvironment,
  nofileLimit,
  runtimeDirectory,
  socketUnitMissing,
];
