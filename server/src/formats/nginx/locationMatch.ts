/** How a `location` matches, read from its arguments as ngx_http_core_location reads them. */
import type { NginxDirective } from './model';

export type LocationKind = 'prefix' | 'priority-prefix' | 'exact' | 'regex' | 'regex-caseless' | 'named';

export interface LocationMatch {
  kind: LocationKind;
  /** The URI, regex or name after the modifier (`@` kept for named locations). */
  name: string;
  /** Index of the argument holding the name (the modifier may be glued to it: `location =/health`). */
  nameArg: number;
  /** Offset of the name within that argument's value. */
  nameOffset: number;
}

const MODIFIERS: Record<string, LocationKind> = { '=': 'exact', '^~': 'priority-prefix', '~': 'regex', '~*': 'regex-caseless' };

/**
 * undefined when the arguments are not a form nginx accepts (the count is checked elsewhere). Only `=`, `~` and
 * `~*` may be glued to the name: nginx reads `location ^~/static` as a plain prefix starting with "^~".
 */
export function locationMatch(location: NginxDirective): LocationMatch | undefined {
  const args = location.args;
  if (args.length === 2) {
    const kind = MODIFIERS[args[0].value];
    return kind ? { kind, name: args[1].value, nameArg: 1, nameOffset: 0 } : undefined;
  }
  if (args.length !== 1) return undefined;
  const value = args[0].value;
  if (value.startsWith('=')) return { kind: 'exact', name: value.slice(1), nameArg: 0, nameOffset: 1 };
  if (value.startsWith('~*')) return { kind: 'regex-caseless', name: value.slice(2), nameArg: 0, nameOffset: 2 };
  if (value.startsWith('~')) return { kind: 'regex', name: value.slice(1), nameArg: 0, nameOffset: 1 };
  if (value.startsWith('@')) return { kind: 'named', name: value, nameArg: 0, nameOffset: 0 };
  return { kind: 'prefix', name: value, nameArg: 0, nameOffset: 0 };
}

export function isRegexLocation(match: LocationMatch | undefined): boolean {
  return match?.kind === 'regex' || match?.kind === 'regex-caseless';
}
