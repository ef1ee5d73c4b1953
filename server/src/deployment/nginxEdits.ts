/**
 * Edits to an nginx file for the deploy/ fixes, made on its current text: set a directive in the block of a
 * `proxy_pass` (change the one that is there: a second copy would be "is duplicate"; else add a line right after
 * the `proxy_pass`, indented like it), change a directive where it stands, and rewrite the address inside an
 * upstream `server` or a `proxy_pass`.
 */
import type { FileEdit } from '../core/findings';
import type { OffsetRange } from '../core/text';
import type { NginxDirective } from '../formats/nginx/model';
import { parseNginx, walkDirectives } from '../formats/nginx/parser';

/** The proxy_pass (or uwsgi_pass) whose argument holds `offset`. */
function passAt(directives: readonly NginxDirective[], offset: number): NginxDirective | undefined {
  for (const d of walkDirectives(directives)) {
    if ((d.name === 'proxy_pass' || d.name === 'uwsgi_pass') && d.range.start <= offset && offset <= d.terminatorEnd) return d;
  }
  return undefined;
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** `NAME VALUE;` in the block of the proxy_pass at `passOffset`; undefined when there is no such proxy_pass. */
export function setBesideProxyPass(text: string, path: string, passOffset: number, name: string, value: string): FileEdit | undefined {
  const doc = parseNginx(text, path);
  const pass = passAt(doc.directives, passOffset);
  if (!pass) return undefined;
  const siblings = pass.parent?.block?.children ?? doc.directives;
  const existing = siblings.filter((d) => d.name === name).pop();
  if (existing) return replaceArguments(existing, path, value);
  return { path, range: { start: pass.terminatorEnd, end: pass.terminatorEnd }, newText: `\n${indentOf(text, pass.range.start)}${name} ${value};` };
}

/**
 * `NAME VALUE;` in place of the `NAME` directive at `offset`, wherever it stands (a server or http block whose value
 * a location inherits): a line added beside the proxy_pass would fix that one location and leave the others that
 * inherit the same value. Undefined when no such directive is there any more.
 */
export function setDirectiveAt(text: string, path: string, offset: number, name: string, value: string): FileEdit | undefined {
  for (const d of walkDirectives(parseNginx(text, path).directives)) {
    if (d.name === name && d.range.start <= offset && offset < d.terminatorEnd) return replaceArguments(d, path, value);
  }
  return undefined;
}

function replaceArguments(directive: NginxDirective, path: string, value: string): FileEdit | undefined {
  // `NAME;` with no argument: leave a broken line to its own check.
  if (directive.args.length === 0) return undefined;
  const first = directive.args[0].range.start;
  const last = directive.args[directive.args.length - 1].range.end;
  return { path, range: { start: first, end: last }, newText: value };
}

/**
 * The range of the address inside an upstream `server` argument or a `proxy_pass` URL placed at `range`: `unix:PATH`
 * or `HOST:PORT`, without the scheme, the URI or the `:` that ends a unix path in a URL. Undefined when the text
 * there is not one.
 */
export function addressRange(text: string, range: OffsetRange): OffsetRange | undefined {
  const raw = text.slice(range.start, range.end);
  const quote = /^["']/.test(raw) ? 1 : 0;
  const body = raw.slice(quote, raw.length - (quote && raw.endsWith(raw[0]) ? 1 : 0));
  const scheme = /^[a-z]+:\/\//i.exec(body)?.[0] ?? '';
  const rest = body.slice(scheme.length);
  let length: number;
  if (/^unix:/i.test(rest)) {
    // In a URL a unix path ends at the next `:` (`http://unix:/run/app.sock:/uri`); in `server` it runs to the end.
    const colon = scheme ? rest.indexOf(':', 5) : -1;
    length = colon < 0 ? rest.length : colon;
  } else {
    const slash = rest.indexOf('/');
    length = slash < 0 ? rest.length : slash;
  }
  if (length === 0 || rest.includes('$')) return undefined;
  const start = range.start + quote + scheme.length;
  return { start, end: start + length };
}
