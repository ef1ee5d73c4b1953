/**
 * Inline expectations in fixtures: comment lines under the line they concern.
 *   `#     ^^^^^^^ warning gunicorn/unknown-setting`  carets under the finding's columns;
 *   `#^^^^ error systemd/syntax`                        at column 0 the `#` itself is the first caret.
 * When a finding runs past the end of its first line, the carets run to the end of that line.
 */
import { LineIndex } from '../../server/src/core/text';

const MARKER = /^([ \t]*)#([ \t]*)(\^+)[ \t]+(error|warning|info)[ \t]+([A-Za-z0-9_\-/]+)[ \t]*$/;

export interface Expectation {
  /** Zero-based line the finding starts on. */
  line: number;
  startColumn: number;
  width: number;
  severity: string;
  rule: string;
}

export function isMarkerLine(line: string): boolean {
  return MARKER.test(line);
}

export function parseMarkers(text: string): Expectation[] {
  const lines = text.split(/\r\n|\r|\n/);
  const expectations: Expectation[] = [];
  let target = -1;
  lines.forEach((line, number) => {
    const match = MARKER.exec(line);
    if (!match) {
      target = number;
      return;
    }
    const hashColumn = match[1].length;
    // The `#` doubles as the first caret only at column 0, where no caret could stand under the finding's start.
    const attached = match[2] === '' && hashColumn === 0;
    expectations.push({
      line: target,
      startColumn: attached ? hashColumn : hashColumn + 1 + match[2].length,
      width: attached ? match[3].length + 1 : match[3].length,
      severity: match[4],
      rule: match[5],
    });
  });
  return expectations;
}

/** The expectation a finding would need, to compare with the markers. */
export function expectationOf(index: LineIndex, range: { start: number; end: number }, severity: string, rule: string): Expectation {
  const start = index.positionAt(range.start);
  const end = index.positionAt(range.end);
  const endColumn = end.line === start.line ? end.character : index.lineText(start.line).length;
  return { line: start.line, startColumn: start.character, width: Math.max(1, endColumn - start.character), severity, rule };
}

export function stripMarkers(text: string): string {
  return text
    .split(/(?<=\n)/)
    .filter((line) => !isMarkerLine(line.replace(/\r?\n$/, '')))
    .join('');
}

export function describeExpectation(e: Expectation): string {
  return `${e.line + 1}:${e.startColumn + 1} width ${e.width} ${e.severity} ${e.rule}`;
}
