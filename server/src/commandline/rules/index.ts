/** Every check of a gunicorn command line, whichever file holds it. */
import type { Rule } from '../../core/rule';
import type { CommandLineContext } from '../context';
import { appTargetSyntax } from './app-target-syntax';
import { deprecatedUvicornWorker } from './deprecated-uvicorn-worker';
import { invalidValue } from './invalid-value';
import { unknownOption } from './unknown-option';
import { unknownWorkerClass } from './unknown-worker-class';

export const COMMAND_LINE_RULES: readonly Rule<CommandLineContext>[] = [
  unknownOption,
  invalidValue,
  appTargetSyntax,
  unknownWorkerClass,
  deprecatedUvicornWorker,
];
