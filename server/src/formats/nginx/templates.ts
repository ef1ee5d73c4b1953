/**
 * nginx templates rendered by `envsubst` before nginx reads them (the official image renders
 * `/etc/nginx/templates/*.template` into `conf.d/`): `${UPPER_CASE}` words are placeholders, filled in at start, not
 * nginx variables. Checks that judge a value skip one that holds a placeholder, in template files only: in a normal
 * file `${X}` is an nginx variable, which nginx refuses in directives without variable support.
 */
import { toPosix } from '../../core/paths';
import type { NginxDirective, NginxToken } from './model';

const PLACEHOLDER = /\$\{[A-Z_][A-Z0-9_]*\}/;

/** The last path asked about and its answer: the checks ask once per directive, always about the same file. */
let lastPath: string | undefined;
let lastAnswer = false;

/** `default.conf.template`, `templates/app.template` (under a folder naming nginx). */
export function isTemplatePath(path: string): boolean {
  if (path !== lastPath) {
    lastAnswer = templatePath(path);
    lastPath = path;
  }
  return lastAnswer;
}

function templatePath(path: string): boolean {
  const p = toPosix(path);
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/\.conf\.template$/.test(base)) return true;
  return /(^|\/)templates\/[^/]+\.template$/.test(p) && /(^|[/._-])nginx([/._-]|$)/.test(p);
}

export function hasPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** A token of a template file that envsubst fills in: its value is not nginx's to judge. */
export function isTemplatePlaceholder(path: string, token: NginxToken): boolean {
  return isTemplatePath(path) && hasPlaceholder(token.value);
}

/** A directive of a template file with a placeholder among its arguments. */
export function hasTemplatePlaceholder(path: string, directive: NginxDirective): boolean {
  return isTemplatePath(path) && directive.args.some((a) => hasPlaceholder(a.value));
}
