/**
 * setup.cfg (setuptools): `[options] install_requires` and `[options.extras_require]`, one PEP 508 requirement per
 * continuation line (or `;`-free comma lists on one line). INI as setuptools reads it: `#`/`;` comment lines, a
 * value continues on indented lines. Never throws.
 */
import { parseRequirementSpec, requirementFromSpec } from './names';
import type { Requirement } from './types';

interface Line {
  text: string;
  start: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    lines.push({ text: raw.replace(/\r$/, ''), start });
    start += raw.length + 1;
  }
  return lines;
}

export function parseSetupCfg(text: string, filePath: string): Requirement[] {
  const out: Requirement[] = [];
  let section = '';
  /** Whether the key being continued lists requirements. */
  let collecting = false;
  for (const line of linesOf(text)) {
    const trimmed = line.text.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const indented = /^[ \t]/.test(line.text);
    if (!indented && trimmed.startsWith('[')) {
      section = trimmed
        .replace(/^\[|\].*$/g, '')
        .trim()
        .toLowerCase();
      collecting = false;
      continue;
    }
    let valueText = trimmed;
    let valueStart = line.start + line.text.indexOf(trimmed);
    if (!indented) {
      const equals = line.text.search(/[=:]/);
      if (equals < 0) {
        collecting = false;
        continue;
      }
      const key = line.text.slice(0, equals).trim().toLowerCase();
      collecting = (section === 'options' && key === 'install_requires') || section === 'options.extras_require';
      const after = line.text.slice(equals + 1);
      valueText = after.trim();
      valueStart = line.start + equals + 1 + (after.length - after.trimStart().length);
    }
    if (!collecting || valueText === '') continue;
    addSpecs(out, valueText, valueStart, filePath);
  }
  return out;
}

/** One value line: requirements separated by commas outside brackets (`a>=1,<2` stays one requirement). */
function addSpecs(out: Requirement[], text: string, start: number, filePath: string): void {
  const withoutComment = text.replace(/\s+[#;].*$/, '');
  // A comma starts a new requirement only when a package name follows it (`gunicorn>=20,<24` is one clause list).
  const pieces = withoutComment.split(/,(?=\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[|[<>=!~;@]|$))/);
  let offset = 0;
  for (const piece of pieces) {
    const spec = parseRequirementSpec(piece);
    if (spec) {
      const at = start + offset;
      out.push(requirementFromSpec(spec, filePath, { start: at + spec.nameStart, end: at + piece.trimEnd().length }));
    }
    offset += piece.length + 1;
  }
}
