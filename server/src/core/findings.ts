/**
 * What a check produces and what a fix edits, in offsets. The service turns these into LSP diagnostics and
 * code actions; the CLI turns them into text, JSON and SARIF.
 */
import type { OffsetRange } from './text';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** A place in another (or the same) file that explains a finding: LSP relatedInformation. */
export interface RelatedPlace {
  /** Absolute path of the file. */
  path: string;
  range: OffsetRange;
  message: string;
}

export interface Finding {
  /** The check id, exactly as in spec/checks.md: `gunicorn/unknown-setting`. */
  rule: string;
  range: OffsetRange;
  message: string;
  /** Overrides the rule's default severity for this one finding (e.g. a softer case of the same check). */
  severity?: Severity;
  related?: RelatedPlace[];
  /** Whatever the rule's `fixes` needs to rebuild its edits; must survive JSON (it travels in Diagnostic.data). */
  data?: unknown;
}

export interface FileEdit {
  /** Absolute path of the file to edit; absent means the file the finding is in. */
  path?: string;
  range: OffsetRange;
  newText: string;
  /** The file does not exist yet: the edit creates it (its range is then 0..0). */
  createFile?: boolean;
}

export interface Fix {
  title: string;
  edits: FileEdit[];
  /** Safe fixes keep meaning and are applied by `gunicorn-lint --fix`; unsafe ones are offered in the editor only. */
  safe: boolean;
  /** The one fix an editor may apply on "auto fix" (LSP isPreferred). */
  preferred?: boolean;
}

/** Applies non-overlapping edits to a text; overlapping later edits are dropped. */
export function applyEdits(text: string, edits: readonly { range: OffsetRange; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.range.start < cursor) continue;
    out += text.slice(cursor, edit.range.start) + edit.newText;
    cursor = edit.range.end;
  }
  return out + text.slice(cursor);
}
