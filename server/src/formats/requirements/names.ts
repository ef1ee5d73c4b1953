/** Package names and PEP 508 requirement strings, as pip reads them. */
import type { OffsetRange } from '../../core/text';
import type { Requirement } from './types';

/** PEP 503 normalisation: lower case, every run of `-`, `_`, `.` becomes one `-`. `Uvicorn_Worker` -> `uvicorn-worker`. */
export function normalisePackageName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** The parts of one PEP 508 requirement string, with offsets relative to that string. */
export interface ParsedSpec {
  rawName: string;
  nameStart: number;
  nameEnd: number;
  extras: string[];
  /** As written, trimmed; '' when none. Parentheses of the old `name (>=1.0)` form are removed. */
  specifier: string;
  /** The environment marker after `;`, '' when none. */
  marker: string;
}

const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;

/**
 * Reads `name[extra1,extra2] specifier ; marker` (also `name @ url`). Undefined when the text does not start with
 * a package name (a URL, a path, an option).
 */
export function parseRequirementSpec(text: string): ParsedSpec | undefined {
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  NAME.lastIndex = i;
  const name = NAME.exec(text);
  if (!name) return undefined;
  const nameStart = i;
  const nameEnd = i + name[0].length;
  let rest = text.slice(nameEnd);
  // A name followed by `:` or `/` is a URL or path (`git+https://...`, `./pkg`), not a requirement.
  if (/^(?::|\/|\\)/.test(rest)) return undefined;
  const extras: string[] = [];
  const extrasMatch = /^\s*\[([^\]]*)\]/.exec(rest);
  if (extrasMatch) {
    for (const extra of extrasMatch[1].split(',')) {
      const trimmed = extra.trim();
      if (trimmed) extras.push(trimmed);
    }
    rest = rest.slice(extrasMatch[0].length);
  }
  let marker = '';
  const semicolon = rest.indexOf(';');
  if (semicolon >= 0) {
    marker = rest.slice(semicolon + 1).trim();
    rest = rest.slice(0, semicolon);
  }
  let specifier = rest.trim();
  // `name @ url` (a direct reference) is kept as written; the old `name (>=1.0)` form loses its parentheses.
  if (specifier.startsWith('(') && specifier.endsWith(')')) specifier = specifier.slice(1, -1).trim();
  // Anything else after the name must look like a version clause, or this was not a requirement at all.
  if (specifier !== '' && !specifier.startsWith('@') && !/^(?:===|==|!=|~=|<=|>=|<|>)/.test(specifier)) return undefined;
  return { rawName: name[0], nameStart, nameEnd, extras, specifier, marker };
}

/** The version of an exact pin: `==23.0.0` or `===23.0.0` (one clause, no wildcard); undefined otherwise. */
export function pinnedVersion(specifier: string): string | undefined {
  const match = /^\s*===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*$/.exec(specifier);
  if (!match || match[1].includes('*')) return undefined;
  return match[1];
}

/** A Requirement from a parsed PEP 508 string, declared in `filePath` at `range`. */
export function requirementFromSpec(spec: ParsedSpec, filePath: string, range: OffsetRange): Requirement {
  return {
    name: normalisePackageName(spec.rawName),
    rawName: spec.rawName,
    specifier: spec.specifier,
    pinned: pinnedVersion(spec.specifier),
    extras: spec.extras,
    path: filePath,
    range,
  };
}
