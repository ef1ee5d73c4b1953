/**
 * The one regex mistake we judge without PCRE: unbalanced parentheses. nginx compiles every regex when it loads
 * the configuration and refuses the file; a full PCRE check in JavaScript would disagree with PCRE on its own
 * syntax (possessive quantifiers, `\Q..\E`, inline options), so we only count groups, skipping escapes and
 * character classes as PCRE does.
 */

export type ParenthesisProblem = 'missing closing parenthesis' | 'unmatched closing parenthesis';

export function parenthesisProblem(regex: string): ParenthesisProblem | undefined {
  // Extended mode allows `#` comments that may hold parentheses: stay quiet rather than guess.
  if (/\(\?[a-zA-Z]*x/.test(regex)) return undefined;
  let depth = 0;
  let i = 0;
  while (i < regex.length) {
    const ch = regex[i];
    if (ch === '\\') {
      if (regex[i + 1] === 'Q') {
        const end = regex.indexOf('\\E', i + 2);
        i = end < 0 ? regex.length : end + 2;
      } else {
        i += 2;
      }
      continue;
    }
    if (ch === '[') {
      i = afterCharacterClass(regex, i);
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') {
      if (depth === 0) return 'unmatched closing parenthesis';
      depth--;
    }
    i++;
  }
  return depth > 0 ? 'missing closing parenthesis' : undefined;
}

/** Index after the `]` closing the class opened at `start`; a `]` first in the class is a literal. */
function afterCharacterClass(regex: string, start: number): number {
  let i = start + 1;
  if (regex[i] === '^') i++;
  if (regex[i] === ']') i++;
  while (i < regex.length) {
    const ch = regex[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '[' && regex[i + 1] === ':') {
      const end = regex.indexOf(':]', i + 2);
      if (end >= 0) {
        i = end + 2;
        continue;
      }
    }
    if (ch === ']') return i + 1;
    i++;
  }
  return regex.length;
}
