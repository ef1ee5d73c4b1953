/**
 * requirements.txt as pip reads it: one requirement per line, `#` comments, backslash continuations, option lines
 * (`-e`, `--index-url`, ...) skipped, `-r other.txt` includes followed through a read callback.
 */
import * as path from 'node:path';
import type { Requirement } from './types';
import { parseRequirementSpec, requirementFromSpec } from './names';

/** Returns a file's text, or undefined when it cannot be read. */
export type ReadFile = (path: string) => string | undefined;

/** How deep `-r` includes are followed. */
export const MAX_INCLUDE_DEPTH = 5;
/** Lines longer than this are skipped (binary junk or minified data, not requirements). */
const MAX_LINE_LENGTH = 10_000;

interface LogicalLine {
  text: string;
  /** Original offset of each character of `text`. */
  offsets: number[];
}

/** Joins backslash-continued physical lines, remembering where every character came from. */
function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let current: LogicalLine = { text: '', offsets: [] };
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let lineEnd = end;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const physical = text.slice(start, lineEnd);
    const continued = physical.endsWith('\\') && !/(^|\s)#/.test(physical);
    const content = continued ? physical.slice(0, -1) : physical;
    if (current.text.length + content.length <= MAX_LINE_LENGTH) {
      current.text += content;
      for (let i = 0; i < content.length; i++) current.offsets.push(start + i);
    } else {
      current = { text: '', offsets: [] }; // an absurdly long line: drop it rather than grow without bound
    }
    if (!continued) {
      lines.push(current);
      current = { text: '', offsets: [] };
    }
    start = end + 1;
  }
  if (current.text) lines.push(current);
  return lines;
}

/** Cuts a `#` comment: at the line start or after whitespace, as pip does. */
function withoutComment(line: string): string {
  const match = /(^|\s)#/.exec(line);
  return match ? line.slice(0, match.index) : line;
}

/** `-r file`, `-rfile`, `--requirement file`, `--requirement=file`: the included path, else undefined. */
function includeTarget(line: string): string | undefined {
  const match = /^\s*(?:-r\s*|--requirement(?:\s*=\s*|\s+))(\S+)/.exec(line);
  return match ? match[1] : undefined;
}

/**
 * Parses one requirements file. With `readFile`, `-r` includes are followed (relative to the including file, at
 * most MAX_INCLUDE_DEPTH deep, each file once), and their requirements follow in order. Never throws.
 */
export function parseRequirementsTxt(text: string, filePath: string, readFile?: ReadFile): Requirement[] {
  const out: Requirement[] = [];
  collect(text, filePath, readFile, 0, new Set([path.resolve(filePath)]), out, []);
  return out;
}

/** Like parseRequirementsTxt, but also reports every file read (the includes), for RequirementsInfo.files. */
export function parseRequirementsTxtWithIncludes(text: string, filePath: string, readFile?: ReadFile): { requirements: Requirement[]; files: string[] } {
  const requirements: Requirement[] = [];
  const files: string[] = [];
  collect(text, filePath, readFile, 0, new Set([path.resolve(filePath)]), requirements, files);
  return { requirements, files };
}

function collect(text: string, filePath: string, readFile: ReadFile | undefined, depth: number, seen: Set<string>, out: Requirement[], files: string[]): void {
  for (const line of logicalLines(text)) {
    const content = withoutComment(line.text);
    if (!content.trim()) continue;
    const include = includeTarget(content);
    if (include !== undefined) {
      if (!readFile || depth + 1 > MAX_INCLUDE_DEPTH) continue;
      const target = path.resolve(path.dirname(filePath), include);
      if (seen.has(target)) continue;
      seen.add(target);
      let included: string | undefined;
      try {
        included = readFile(target);
      } catch {
        included = undefined;
      }
      if (included === undefined) continue;
      files.push(target);
      collect(included, target, readFile, depth + 1, seen, out, files);
      continue;
    }
    // -e/--editable, -c constraints, --index-url and every other option line declare no named requirement.
    if (/^\s*-/.test(content)) continue;
    // Per-requirement options (`--hash=...`) trail the requirement itself.
    const requirementText = content.replace(/\s--?[A-Za-z][\w-]*(?:[=\s].*)?$/, '');
    const spec = parseRequirementSpec(requirementText);
    if (!spec) continue;
    const start = line.offsets[spec.nameStart] ?? 0;
    const end = (line.offsets[spec.nameEnd - 1] ?? start) + 1;
    out.push(requirementFromSpec(spec, filePath, { start, end }));
  }
}
