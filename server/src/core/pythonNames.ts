/**
 * Python identifiers and dotted module names, as gunicorn's app targets and imports use them. Python allows any
 * Unicode letter; almost every name is ASCII, so the ASCII test answers first and the Unicode one (whose compilation
 * costs about 1 ms of a cold start per pattern) is only built for a name that needs it.
 */
const ASCII_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NON_ASCII = /[^\u0000-\u007f]/;
let unicodeIdentifier: RegExp | undefined;

export function isPythonIdentifier(text: string): boolean {
  if (ASCII_IDENTIFIER.test(text)) return true;
  if (!NON_ASCII.test(text)) return false;
  unicodeIdentifier ??= /^[\p{L}_][\p{L}\p{N}_]*$/u;
  return unicodeIdentifier.test(text);
}

/** At most this many dotted parts are accepted (a bound on hostile input, far beyond any real package depth). */
const MAX_PARTS = 32;

/** `pkg.sub.module`: identifiers joined by single dots. */
export function isDottedPythonName(text: string): boolean {
  const parts = text.split('.');
  return parts.length <= MAX_PARTS && parts.every(isPythonIdentifier);
}
