/** The parsed shape of a Procfile (Heroku, Dokku, foreman, honcho): one `type: command` line per process type. */
import type { OffsetRange } from '../../core/text';

export interface ProcessLine {
  /** The process type (`web`, `worker`, `release`). */
  name: string;
  nameRange: OffsetRange;
  /** The shell command line, as written (leading and trailing blanks removed). */
  command: string;
  /** Where the command is; command[i] is at commandRange.start + i. */
  commandRange: OffsetRange;
  /** The whole line, without its line break. */
  range: OffsetRange;
  /** Zero-based line number. */
  line: number;
}

export interface ProcfileLineError {
  range: OffsetRange;
  message: string;
}

export interface ProcfileDocument {
  text: string;
  path: string;
  processes: ProcessLine[];
  comments: OffsetRange[];
  /** Lines that are neither blank, a comment nor `type: command` (the platforms skip them). */
  errors: ProcfileLineError[];
}
