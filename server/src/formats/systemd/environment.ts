/** `Environment=` values: space-separated `KEY=value` words with quotes, as systemd splits them. */
import type { OffsetRange } from '../../core/text';
import type { UnitEntry } from './document';
import { splitExecWords } from './execCommand';

export interface EnvironmentAssignment {
  name: string;
  value: string;
  /** The whole `KEY=value` word. */
  range: OffsetRange;
  nameRange: OffsetRange;
  valid: boolean;
}

const cache = new WeakMap<UnitEntry, EnvironmentAssignment[]>();

/** The assignments of one `Environment=` line (memoised per entry: several checks and the facts read them). */
export function parseEnvironment(entry: UnitEntry): EnvironmentAssignment[] {
  let result = cache.get(entry);
  if (!result) cache.set(entry, (result = read(entry)));
  return result;
}

function read(entry: UnitEntry): EnvironmentAssignment[] {
  return splitExecWords(entry).map((word) => {
    const equals = word.text.indexOf('=');
    const name = equals > 0 ? word.text.slice(0, equals) : word.text;
    // The raw text keeps the name at the word's start unless the name itself was quoted.
    const nameRange = { start: word.range.start, end: Math.min(word.range.end, word.range.start + name.length) };
    return {
      name,
      value: equals > 0 ? word.text.slice(equals + 1) : '',
      range: word.range,
      nameRange,
      valid: equals > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name),
    };
  });
}
