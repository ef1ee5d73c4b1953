/**
 * The gunicorn command lines of a Procfile, as command-line sites: the platform runs each process's command with a
 * shell, so `web: cd src && gunicorn app:app` starts gunicorn in its second simple command. Values the shell fills
 * in (`--bind 0.0.0.0:$PORT`) stay as written: the checks never judge them.
 */
import { gunicornInShellLine } from '../../commandline/shellScript';
import type { CommandSite } from '../../commandline/site';
import type { ProcfileDocument, ProcessLine } from './document';

export interface ProcessSite {
  process: ProcessLine;
  site: CommandSite;
}

const cache = new WeakMap<ProcfileDocument, ProcessSite[]>();

/** Every process whose command runs gunicorn, with its site (memoised per document). */
export function processSites(document: ProcfileDocument): ProcessSite[] {
  let sites = cache.get(document);
  if (!sites) {
    sites = document.processes.flatMap((process) => {
      const words = gunicornInShellLine(process.command, process.commandRange.start);
      return words ? [{ process, site: { path: document.path, host: 'procfile' as const, kind: 'command' as const, words } }] : [];
    });
    cache.set(document, sites);
  }
  return sites;
}

export function commandSites(document: ProcfileDocument): CommandSite[] {
  return processSites(document).map((entry) => entry.site);
}
