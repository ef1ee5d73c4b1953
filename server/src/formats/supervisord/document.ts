/**
 * The parsed shape of a supervisord config: INI sections (`[supervisord]`, `[program:web]`, `[include]`) of
 * `key=value` entries, as supervisor's own parser (Python's configparser, with `;` and `#` comments, inline
 * comments after a blank, and indented continuation lines) reads them. Offsets are UTF-16 string offsets.
 */
import type { OffsetRange } from '../../core/text';

export interface IniEntry {
  /** The key, lower-cased (configparser lower-cases option names). */
  key: string;
  keyRange: OffsetRange;
  /**
   * The value as written, continuation lines included, with inline comments blanked to spaces so that
   * value[i] is at valueRange.start + i; trimmed at both ends.
   */
  value: string;
  valueRange: OffsetRange;
  /** The whole entry, continuation lines included. */
  range: OffsetRange;
  line: number;
}

export interface IniSection {
  /** The name between the brackets (`program:web`). */
  name: string;
  nameRange: OffsetRange;
  /** From the header to the end of its last entry. */
  range: OffsetRange;
  headerLine: number;
  entries: IniEntry[];
}

export interface SupervisordError {
  range: OffsetRange;
  message: string;
}

export interface SupervisordDocument {
  text: string;
  path: string;
  sections: IniSection[];
  comments: OffsetRange[];
  /** Lines supervisor's parser would refuse (an entry before any section, a line that is no `key=value`). */
  errors: SupervisordError[];
}
