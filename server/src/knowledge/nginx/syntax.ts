/**
 * How a directive is written (`proxy_pass URL;`, `upstream name { ... }`) and the nginx version it appeared in, from
 * the generated table of nginx.org's documentation sources (syntax.generated.ts). Hover titles read it; the argument
 * counts and contexts the checks use stay in directives.ts, which comes from nginx's own command tables.
 */
import type { DirectiveEntry } from './directives';
import { PACKED_SYNTAX } from './syntax.generated';

export interface DirectiveSyntax {
  /** Each documented way of writing the arguments, without the name (`code [text]`, `code URL`, `URL`). */
  forms: string[];
  block: boolean;
  /** The release that added the directive, when the documentation says (`1.1.4`); absent for the oldest ones. */
  appearedIn?: string;
  /** The documentation page's module (`ngx_http_gzip_module` for the table's `ngx_http_gzip_filter_module`). */
  docModule: string;
}

type Family = 'core' | 'http' | 'stream' | 'mail';

let byKey: Map<string, DirectiveSyntax[]> | undefined;

function table(): Map<string, DirectiveSyntax[]> {
  if (byKey) return byKey;
  byKey = new Map();
  for (const line of PACKED_SYNTAX.split('\n')) {
    const [family, name, block, forms, appearedIn, docModule] = line.split('|');
    const key = `${family}:${name}`;
    const list = byKey.get(key) ?? [];
    list.push({
      forms: forms === '' ? [] : forms.split('\t').map((form) => form.replace(/¦/g, '|')),
      block: block === '1',
      appearedIn: appearedIn || undefined,
      docModule,
    });
    byKey.set(key, list);
  }
  return byKey;
}

function familyOf(module: string): Family {
  if (module.startsWith('ngx_http_')) return 'http';
  if (module.startsWith('ngx_stream_')) return 'stream';
  if (module.startsWith('ngx_mail_')) return 'mail';
  return 'core';
}

/** The documented syntax of a table entry, or undefined when nginx.org documents no such directive (or two). */
export function syntaxFor(entry: DirectiveEntry): DirectiveSyntax | undefined {
  // error_log in http, stream and mail is documented once, with the core directives.
  let candidates = table().get(`${familyOf(entry.module)}:${entry.name}`) ?? table().get(`core:${entry.name}`) ?? [];
  if (candidates.length > 1) candidates = candidates.filter((c) => c.block === entry.block);
  if (candidates.length > 1) {
    // `server` in http: the virtual server (ngx_http_core_module) or an upstream's server (ngx_http_upstream_module);
    // `keepalive_timeout` of ngx_http_upstream_keepalive_module is documented on ngx_http_upstream_module's page.
    candidates = candidates.filter((c) => entry.module.startsWith(c.docModule.replace(/_module$/, '_')));
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The title lines of a hover: one per documented form (`return code [text];`, `return URL;`). */
export function syntaxLines(entry: DirectiveEntry, syntax: DirectiveSyntax): string[] {
  const forms = syntax.forms.length > 0 ? syntax.forms : [''];
  return forms.map((form) => `${entry.name}${form ? ` ${form}` : ''}${syntax.block ? ' { ... }' : ';'}`);
}
