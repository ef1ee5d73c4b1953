/** The parsed shape of one unit file or drop-in, in offsets. */
import type { OffsetRange } from '../../core/text';

export interface ValueRun {
  /** Index into the value. */
  at: number;
  /** Text offset of value[at]. */
  offset: number;
}

/** One `Key=Value` assignment (a logical line: backslash continuations already joined). */
export interface UnitEntry {
  /** The key as written (systemd keys are case-sensitive). */
  key: string;
  keyRange: OffsetRange;
  /** The value as systemd sees it: continuations joined (each `\` becomes a space), outer whitespace stripped. */
  value: string;
  /** From the first to the last character of the value in the text (empty range right after `=` when empty). */
  valueRange: OffsetRange;
  /**
   * Where the value's characters sit in the file, as runs: value[at..] continues at text offset `offset`, up to the
   * next run. Absent when the value sits on one line (then value[i] is at valueRange.start + i). Read through
   * valueOffsetAt()/valueSubrange()/valueIndexOf().
   */
  valueRuns?: ValueRun[];
  /** The whole logical line, continuation lines included. */
  range: OffsetRange;
  /** The section this entry is in, or undefined outside any section. */
  section: string | undefined;
  /** Zero-based line of the key. */
  line: number;
}

export interface UnitSection {
  /** The name between the brackets, exactly as written (not trimmed, as systemd does). */
  name: string;
  nameRange: OffsetRange;
  headerRange: OffsetRange;
  /** From the header to the end of the section's last non-blank line. */
  range: OffsetRange;
  entries: UnitEntry[];
}

export interface UnitSyntaxError {
  range: OffsetRange;
  message: string;
  /** invalid-header and not-utf8 stop systemd from loading the unit; the others make it skip the line. */
  kind: 'outside-section' | 'missing-equals' | 'missing-key' | 'invalid-header' | 'include' | 'not-utf8';
}

export interface UnitDocument {
  text: string;
  path: string;
  /** service, socket, target, timer...; for a drop-in, the type of the unit it extends. */
  unitType: string | undefined;
  /** The unit's name (`app@.service`); for a drop-in, the unit it extends. */
  unitName: string | undefined;
  /** `name@.service`: a template, instantiated as `name@INSTANCE.service`. */
  template: boolean;
  /** A `*.conf` file inside `NAME.d/`. */
  dropIn: boolean;
  sections: UnitSection[];
  /** Every assignment in file order, including those outside a section. */
  entries: UnitEntry[];
  comments: OffsetRange[];
  errors: UnitSyntaxError[];
}
