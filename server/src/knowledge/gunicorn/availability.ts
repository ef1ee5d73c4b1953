/**
 * settingAvailability with a memory. The answer depends only on the setting's added/removed releases and the
 * version asked about, but computing it parses three version strings; re-checks, completions and hovers ask the
 * same few hundred questions on every keystroke.
 */
import type { GunicornSetting } from './types';
import { settingAvailability } from './versions';

type Availability = ReturnType<typeof settingAvailability>;
type Versioned = Pick<GunicornSetting, 'added' | 'removed'>;

/** By the setting object (knowledge tables are fixed objects), then by version. */
const answers = new WeakMap<Versioned, Map<string, Availability>>();
/** Versions remembered per setting at most: a user types a handful. */
const MAX_VERSIONS = 50;

export function availability(setting: Versioned, version: string): Availability {
  let byVersion = answers.get(setting);
  if (!byVersion) {
    byVersion = new Map();
    answers.set(setting, byVersion);
  }
  let answer = byVersion.get(version);
  if (answer === undefined) {
    answer = settingAvailability(setting, version);
    if (byVersion.size >= MAX_VERSIONS) byVersion.clear();
    byVersion.set(version, answer);
  }
  return answer;
}
