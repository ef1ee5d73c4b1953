/** nginx support: the FormatSupport the service plugs in, and the rule registry. */
import { isTemplatePath } from './templates';
import type { Finding } from '../../core/findings';
import type { AnalysisContext, FormatSupport } from '../../core/format';
import { toPosix } from '../../core/paths';
import { fixesForFinding, metaOf, runRules, type Rule, type RuleMeta } from '../../core/rule';
import type { Settings } from '../../core/settings';
import { analyse, setNginxPathMatcher, type NginxAnalysis } from './analysis';
import { complete, definition, folding, hover, links, symbols } from './features';
import { isAmbiguousNginxName, looksLikeNginx } from './fileKinds';
import type { NginxDocument } from './model';
import { parseNginx } from './parser';
import { addHeaderRedefinitionRule } from './rules/add-header-redefinition';
import { aliasTraversalRule } from './rules/alias-traversal';
import { directiveNotAllowedRule } from './rules/directive-not-allowed';
import { duplicateDirectiveRule } from './rules/duplicate-directive';
import { hostSpoofingRule } from './rules/host-spoofing';
import { includeNotFoundRule } from './rules/include-not-found';
import { invalidArgumentsRule } from './rules/invalid-arguments';
import { proxyHeadersRule } from './rules/proxy-headers';
import { syntaxRule } from './rules/syntax';
import { unknownDirectiveRule } from './rules/unknown-directive';
import { upstreamKeepaliveRule } from './rules/upstream-keepalive';
import { upstreamUndefinedRule } from './rules/upstream-undefined';

export type { NginxDocument } from './model';
export { parseNginx, walkDirectives } from './parser';
export { nginxFacts, type NginxFacts } from './facts';

export const NGINX_RULES: Rule<NginxAnalysis>[] = [
  syntaxRule,
  unknownDirectiveRule,
  directiveNotAllowedRule,
  invalidArgumentsRule,
  duplicateDirectiveRule,
  includeNotFoundRule,
  upstreamUndefinedRule,
  proxyHeadersRule,
  upstreamKeepaliveRule,
  aliasTraversalRule,
  addHeaderRedefinitionRule,
  hostSpoofingRule,
];

export const nginxRules: RuleMeta[] = NGINX_RULES.map(metaOf);

/**
 * By name: nginx.conf, *.nginx, a .conf whose name has `nginx` as a word (`nginx-site.conf`, `site_nginx.conf`,
 * `nginx.docker.conf`), any .conf under an nginx/ folder, sites-available/*, sites-enabled/*, conf.d/*.conf.
 */
export function isNginxPath(path: string): boolean {
  const p = toPosix(path);
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (base === 'nginx.conf' || base.endsWith('.nginx')) return true;
  if (isTemplatePath(p)) return true;
  if (/(^|[._-])nginx([._-][^/]*)?\.conf$/.test(base)) return true;
  if (/(^|\/)nginx\/(.+\/)?[^/]+\.conf$/.test(p)) return true;
  if (/(^|\/)(sites-available|sites-enabled)\/[^/]+$/.test(p)) return true;
  return /(^|\/)conf\.d\/[^/]+\.conf$/.test(p);
}

setNginxPathMatcher(isNginxPath);

export const nginxFormat: FormatSupport<NginxDocument> = {
  language: 'nginx',
  // Other `.conf` files and extensionless files under nginx/ or sites-x/ are nginx when their first bytes say so.
  matches(path: string, _settings: Settings, head?: () => string | undefined) {
    if (isNginxPath(path)) return true;
    if (!head || !isAmbiguousNginxName(toPosix(path))) return false;
    const text = head();
    return text !== undefined && looksLikeNginx(text);
  },
  looksLike: looksLikeNginx,
  parse(text: string, path: string) {
    try {
      return parseNginx(text, path);
    } catch (error) {
      // The parser is written never to throw; this keeps the promise even if it does.
      return {
        path,
        text,
        directives: [],
        comments: [],
        errors: [{ kind: 'unexpected-char', message: `internal parser error: ${String(error)}`, range: { start: 0, end: 0 } }],
      };
    }
  },
  check(context: AnalysisContext<NginxDocument>): Finding[] {
    return runRules(NGINX_RULES, analyse(context));
  },
  fixes: (finding, context) => fixesForFinding(NGINX_RULES, finding, () => analyse(context)),
  hover,
  complete,
  symbols,
  folding,
  links,
  definition,
};
