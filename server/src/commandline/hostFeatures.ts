/**
 * The editor features of a format whose gunicorn meaning is the command lines it holds (a Procfile, a compose
 * file, a manifest, supervisord): check, fix, hover and complete each command site, one way for every host.
 */
import type { AnalysisContext, FormatSupport } from '../core/format';
import { checkSites, completeSite, hoverSites, siteFixes } from './support';
import { siteRange, type CommandSite } from './site';

export interface CommandHost<D> {
  /** The command sites of a document (cached by the format). */
  sites(document: D): readonly CommandSite[];
  /** The gunicorn version a file is read against (from the format's requirements lookup). */
  version(context: AnalysisContext<D>): string;
  /** The site completion works in at an offset; by default the site whose words span it (or end just before it). */
  siteAt?(context: AnalysisContext<D>, offset: number): CommandSite | undefined;
}

export function commandHostFeatures<D>(host: CommandHost<D>): Pick<FormatSupport<D>, 'check' | 'fixes' | 'hover' | 'complete'> {
  const siteAt = (context: AnalysisContext<D>, offset: number): CommandSite | undefined =>
    host.siteAt
      ? host.siteAt(context, offset)
      : host.sites(context.document).find((site) => {
          const range = siteRange(site);
          return range.start <= offset && offset <= range.end + 1;
        });
  return {
    check: (context) => checkSites(host.sites(context.document), host.version(context)),
    fixes: (finding, context) => siteFixes(finding, host.sites(context.document), host.version(context)),
    hover: (context, offset) => hoverSites(host.sites(context.document), offset, host.version(context)),
    complete(context, offset) {
      const site = siteAt(context, offset);
      return site ? completeSite(site, context.text, offset, host.version(context)) : [];
    },
  };
}
