/**
 * Suppression comments, the same in every format (all of them use `#` comments):
 *   `... # gunicorn-lint: disable=nginx/proxy-headers reason`   silences that id on this line;
 *   a comment line holding only that                              silences it on the next line too;
 *   `# gunicorn-lint: disable-file=gunicorn/timeout-band-aid`     silences it in the whole file.
 * `disable=all` silences every check. Several ids are separated by commas.
 */
import type { Finding } from './findings';
import { LineIndex } from './text';

const DIRECTIVE = /#\s*gunicorn-lint:\s*(disable|disable-file)=([A-Za-z0-9_\-/,*]+)/g;

export interface Suppressions {
  file: Set<string>;
  /** Zero-based line -> ids silenced on it. */
  lines: Map<number, Set<string>>;
}

export function parseSuppressions(text: string, index = new LineIndex(text)): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes('gunicorn-lint:')) return result;
  for (const match of text.matchAll(DIRECTIVE)) {
    const ids = match[2].split(',').filter(Boolean);
    if (match[1] === 'disable-file') {
      ids.forEach((id) => result.file.add(id));
      continue;
    }
    const line = index.positionAt(match.index ?? 0).line;
    const lineText = index.lineText(line);
    const ownLine = lineText.trimStart().startsWith('#');
    const targets = ownLine ? [line, nextCodeLine(index, line)] : [line];
    for (const target of targets) {
      if (target === undefined) continue;
      const set = result.lines.get(target) ?? new Set<string>();
      ids.forEach((id) => set.add(id));
      result.lines.set(target, set);
    }
  }
  return result;
}

function nextCodeLine(index: LineIndex, line: number): number | undefined {
  for (let next = line + 1; next < index.lineCount; next++) {
    const content = index.lineText(next).trim();
    if (content !== '' && !content.startsWith('#')) return next;
  }
  return undefined;
}

export function isSuppressed(finding: Finding, suppressions: Suppressions, index: LineIndex): boolean {
  const matches = (ids: Set<string> | undefined) =>
    ids !== undefined && (ids.has(finding.rule) || ids.has('all') || ids.has(finding.rule.split('/')[0] + '/*'));
  if (matches(suppressions.file)) return true;
  return matches(suppressions.lines.get(index.positionAt(finding.range.start).line));
}
