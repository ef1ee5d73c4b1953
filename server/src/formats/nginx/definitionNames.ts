/**
 * Names an http block may define only once: `upstream` (compared without case, as ngx_http_upstream_add does)
 * and `log_format` (compared exactly; `combined` is built in, so defining it is already a repeat). Within one
 * document only: other files may be loaded by other nginx instances.
 */
import { named, type NginxAnalysis } from './analysis';
import type { NginxDirective } from './model';

export interface RepeatedName {
  directive: NginxDirective;
  /** The earlier definition; undefined when the name is nginx's own (`log_format combined`). */
  first?: NginxDirective;
  message: string;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/** Directives of one name in the http context itself (not stream, not inside a free-form block). */
function inHttp(analysis: NginxAnalysis, name: string): NginxDirective[] {
  return named(analysis, name).filter((d) => analysis.contexts.of.get(d) === 'http' && !analysis.contexts.freeform.has(d));
}

export function repeatedUpstreams(analysis: NginxAnalysis): RepeatedName[] {
  const out: RepeatedName[] = [];
  const seen = new Map<string, NginxDirective>();
  for (const upstream of inHttp(analysis, 'upstream')) {
    if (upstream.terminator !== '{' || upstream.args.length !== 1) continue;
    const name = upstream.args[0].value;
    const key = asciiLower(name);
    const first = seen.get(key);
    if (first) out.push({ directive: upstream, first, message: `duplicate upstream "${name}"` });
    else seen.set(key, upstream);
  }
  return out;
}

/**
 * Whether a directive is in http rather than in a stream fragment our context guess took for http: stream's
 * log_format has no built-in `combined`.
 */
function surelyHttp(analysis: NginxAnalysis, directive: NginxDirective): boolean {
  if (analysis.contexts.topSource !== 'guess' || named(analysis, 'location').length > 0) return true;
  for (let p = directive.parent; p; p = p.parent) if (p.name === 'http') return true;
  return false;
}

export function repeatedLogFormats(analysis: NginxAnalysis): RepeatedName[] {
  const out: RepeatedName[] = [];
  const seen = new Map<string, NginxDirective | undefined>([['combined', undefined]]);
  for (const format of inHttp(analysis, 'log_format')) {
    if (format.terminator !== ';' || format.args.length < 2) continue;
    const name = format.args[0].value;
    if (!seen.has(name)) {
      seen.set(name, format);
      continue;
    }
    const first = seen.get(name);
    if (!first && !surelyHttp(analysis, format)) continue;
    const why = first ? '' : ': nginx defines "combined" itself, so give this format another name';
    out.push({ directive: format, first, message: `duplicate "log_format" name "${name}"${why}` });
  }
  return out;
}
