/**
 * The place a finding about a setting goes: the statement or flag that sets it (the line a user changes). A
 * setting left at gunicorn's default has no line of its own; then the caller picks the nearest line that decides it.
 */
import { settingOf } from './effective';
import type { Invocation, Place } from './model';

export function settingSite(invocation: Invocation, name: string): Place | undefined {
  const setting = settingOf(invocation, name);
  return setting.statement ?? setting.place;
}

/** "in the config", "on the command line": where a setting comes from, for messages. */
export function sourceWords(invocation: Invocation, name: string): string {
  switch (settingOf(invocation, name).source) {
    case 'config':
      return 'in the config';
    case 'env':
      return 'in GUNICORN_CMD_ARGS';
    case 'command-line':
      return 'on the command line';
    default:
      return "by gunicorn's default";
  }
}
