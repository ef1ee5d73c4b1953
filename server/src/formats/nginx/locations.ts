/**
 * How ngx_http_core_location reads a `location` line, and the structural rules nginx enforces between locations:
 * one parent may not hold two prefix (or two exact) locations of the same name, and a nested location must fit
 * inside the one that holds it. Only http-context blocks of one document are judged: a location's siblings and
 * parent are certain only there.
 */
import { named, type NginxAnalysis } from './analysis';
import type { NginxDirective } from './model';

export type LocationKind = 'exact' | 'prefix' | 'regex' | 'named';

export interface LocationMatch {
  kind: LocationKind;
  /** The name nginx compares and prints: what follows the modifier (the regex itself for `~`). */
  name: string;
  /** Which argument holds the name (the modifier may be glued to it: `location =/health`). */
  nameArg: number;
}

/** The modifier and name nginx sees (quotes removed, a glued modifier such as `=/a` split off); undefined when nginx refuses the line. */
export function locationMatch(location: NginxDirective): LocationMatch | undefined {
  const args = location.args;
  let match: LocationMatch | undefined;
  if (args.length === 2) {
    const name = args[1].value;
    switch (args[0].value) {
      case '=':
        match = { kind: 'exact', name, nameArg: 1 };
        break;
      case '^~':
        match = { kind: 'prefix', name, nameArg: 1 };
        break;
      case '~':
      case '~*':
        match = { kind: 'regex', name, nameArg: 1 };
        break;
      default:
        return undefined; // "invalid location modifier": another error
    }
  } else if (args.length === 1) {
    const value = args[0].value;
    if (value.startsWith('=')) match = { kind: 'exact', name: value.slice(1), nameArg: 0 };
    else if (value.startsWith('^~')) match = { kind: 'prefix', name: value.slice(2), nameArg: 0 };
    else if (value.startsWith('~*')) match = { kind: 'regex', name: value.slice(2), nameArg: 0 };
    else if (value.startsWith('~')) match = { kind: 'regex', name: value.slice(1), nameArg: 0 };
    else match = { kind: value.startsWith('@') ? 'named' : 'prefix', name: value, nameArg: 0 };
  }
  // An empty name is its own error (or an odd corner) that nothing here should reason about.
  return match && match.name !== '' ? match : undefined;
}

/** A location block of the http context, outside free-form blocks, whose line nginx accepts. */
function judgeable(analysis: NginxAnalysis, location: NginxDirective): LocationMatch | undefined {
  if (location.terminator !== '{' || analysis.contexts.freeform.has(location)) return undefined;
  const context = analysis.contexts.of.get(location);
  if (context !== 'http.server' && context !== 'http.location') return undefined;
  return locationMatch(location);
}

/**
 * Whether nginx compares a location with its siblings. It builds its prefix tree, and finds repeats, only by
 * descending from the server through prefix and exact locations: the children of a regex location (at any depth)
 * are never compared. A fragment's top level counts only when it is known to sit directly in a server.
 */
function comparedWithSiblings(analysis: NginxAnalysis, location: NginxDirective, memo: Map<NginxDirective, boolean>): boolean {
  // Memoised by parent: 10,000 nested locations must not cost 10,000 walks up the chain.
  const chain: NginxDirective[] = [];
  let p = location.parent;
  let result: boolean | undefined;
  for (; p?.name === 'location'; p = p.parent) {
    result = memo.get(p);
    if (result !== undefined) break;
    chain.push(p);
  }
  if (result === undefined) result = p ? p.name === 'server' : analysis.contexts.top === 'http.server';
  for (let i = chain.length - 1; i >= 0; i--) {
    const kind = locationMatch(chain[i])?.kind;
    result = result && (kind === 'prefix' || kind === 'exact');
    memo.set(chain[i], result);
  }
  return result;
}

export interface DuplicateLocation {
  location: NginxDirective;
  first: NginxDirective;
  name: string;
}

/**
 * Locations that repeat an earlier sibling's name and kind. nginx merges the prefix (`/a`, `^~ /a`) and exact
 * (`= /a`) locations of one block into a tree and refuses a name twice in either group; regex and named
 * locations are kept in lists and may repeat.
 */
export function duplicateLocations(analysis: NginxAnalysis): DuplicateLocation[] {
  const out: DuplicateLocation[] = [];
  // The top level of a fragment counts as one block (its parent is whatever includes it).
  const seenByParent = new Map<NginxDirective | undefined, Map<string, NginxDirective>>();
  const memo = new Map<NginxDirective, boolean>();
  for (const location of named(analysis, 'location')) {
    const match = judgeable(analysis, location);
    if (!match || (match.kind !== 'exact' && match.kind !== 'prefix') || !comparedWithSiblings(analysis, location, memo)) continue;
    let seen = seenByParent.get(location.parent);
    if (!seen) {
      seen = new Map();
      seenByParent.set(location.parent, seen);
    }
    const key = (match.kind === 'exact' ? '=' : ' ') + match.name;
    const first = seen.get(key);
    if (first) out.push({ location, first, name: match.name });
    else seen.set(key, location);
  }
  return out;
}

/** Why nginx refuses a location inside its parent location, in nginx's words; undefined when it fits. */
export function nestingProblem(analysis: NginxAnalysis, location: NginxDirective): string | undefined {
  const parent = location.parent;
  if (parent?.name !== 'location') return undefined;
  const inner = judgeable(analysis, location);
  const outer = inner && judgeable(analysis, parent);
  if (!inner || !outer) return undefined;
  if (outer.kind === 'exact') return `location "${inner.name}" cannot be inside the exact location "${outer.name}"`;
  if (outer.kind === 'named') return `location "${inner.name}" cannot be inside the named location "${outer.name}"`;
  if (inner.kind === 'named') return `named location "${inner.name}" can be on the server level only`;
  // nginx compares the raw names, even when the outer name is a regex; only a regex inside escapes the test.
  if (inner.kind !== 'regex' && !inner.name.startsWith(outer.name)) return `location "${inner.name}" is outside location "${outer.name}"`;
  return undefined;
}

/** True when a directive sits directly in a named location (`location @app`) that nginx accepts. */
export function inNamedLocation(analysis: NginxAnalysis, directive: NginxDirective): boolean {
  const parent = directive.parent;
  return parent?.name === 'location' && judgeable(analysis, parent)?.kind === 'named';
}
