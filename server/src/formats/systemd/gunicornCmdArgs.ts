/**
 * GUNICORN_CMD_ARGS set by a unit: in `Environment=` (the unit's own text) or in an `EnvironmentFile=`. gunicorn
 * shlex-splits the value and reads it as flags; here its words get the file offsets of the characters they came
 * from, so findings and hovers land on the flag, inside the quotes. When the systemd quoting cannot be mapped one
 * to one (escapes), no words are given: offsets that stay true or none at all.
 */
import { splitShellWords, type CommandWord } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';
import type { UnitEntry } from './document';
import { CMD_ARGS_VARIABLE } from '../../commandline/invocation';
import { parseEnvironment } from './environment';
import type { EnvironmentFileAssignment } from './environmentFile';
import { valueIndexOf, valueOffsetAt } from './parser';

export { CMD_ARGS_VARIABLE };

export interface CmdArgsValue {
  /** The value as gunicorn receives it. */
  value: string;
  /** Where the value is written (for facts and related places). */
  range: OffsetRange;
  /** The shell words of the value with file ranges; undefined when the quoting hides where they are. */
  words?: CommandWord[];
}

/** Shell words of `value`, with each range mapped through `offsetOf` (value index -> file offset). */
function mappedWords(value: string, offsetOf: (index: number) => number): CommandWord[] {
  return splitShellWords(value).map((word) => ({
    ...word,
    range: { start: offsetOf(word.range.start), end: word.range.end > word.range.start ? offsetOf(word.range.end - 1) + 1 : offsetOf(word.range.start) },
  }));
}

/** Every GUNICORN_CMD_ARGS assignment of one `Environment=` line. */
export function cmdArgsInEntry(entry: UnitEntry): CmdArgsValue[] {
  const found: CmdArgsValue[] = [];
  for (const assignment of parseEnvironment(entry)) {
    if (!assignment.valid || assignment.name !== CMD_ARGS_VARIABLE) continue;
    const rawStart = valueIndexOf(entry, assignment.range.start);
    const rawEnd = valueIndexOf(entry, assignment.range.end - 1) + 1;
    const raw = entry.value.slice(rawStart, rawEnd);
    const value = assignment.value;
    const name = `${CMD_ARGS_VARIABLE}=`;
    // The three spellings whose value characters sit one to one in the file: bare, whole word quoted, value quoted.
    const at =
      raw === name + value
        ? name.length
        : raw === `"${name}${value}"` || raw === `'${name}${value}'`
          ? name.length + 1
          : raw === `${name}"${value}"` || raw === `${name}'${value}'`
            ? name.length + 1
            : undefined;
    if (at === undefined) {
      found.push({ value, range: assignment.range });
      continue;
    }
    const offsetOf = (index: number) => valueOffsetAt(entry, rawStart + at + index);
    const range = { start: offsetOf(0), end: value.length > 0 ? offsetOf(value.length - 1) + 1 : offsetOf(0) };
    found.push({ value, range, words: mappedWords(value, offsetOf) });
  }
  return found;
}

/** GUNICORN_CMD_ARGS from an environment file's assignment (every character's offset is known). */
export function cmdArgsInFile(assignment: EnvironmentFileAssignment): CmdArgsValue {
  const offsets = assignment.valueOffsets;
  const offsetOf = (index: number) => offsets[Math.min(index, offsets.length - 1)] ?? assignment.valueRange.start;
  return { value: assignment.value, range: assignment.valueRange, words: mappedWords(assignment.value, offsetOf) };
}
