/** What a Procfile tells the deployment: its process types, and how each one that runs gunicorn runs it. */
import { invocationOf } from '../../commandline/site';
import type { GunicornInvocation } from '../../commandline/invocation';
import type { CommandWord } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';
import { processSites } from './commandSites';
import type { ProcfileDocument } from './document';

export interface ProcessFact {
  /** The process type (`web`). */
  name: string;
  nameRange: OffsetRange;
  /** The whole command line of the process. */
  commandRange: OffsetRange;
  /** Present when the process runs gunicorn. */
  gunicorn?: {
    /** The gunicorn command's words, from the program (or the wrapper that leads to it) on. */
    words: readonly CommandWord[];
    invocation: GunicornInvocation;
  };
}

export interface ProcfileFacts {
  path: string;
  processes: ProcessFact[];
}

const cache = new WeakMap<ProcfileDocument, ProcfileFacts>();

export function procfileFacts(document: ProcfileDocument): ProcfileFacts {
  let facts = cache.get(document);
  if (facts) return facts;
  const sites = new Map(processSites(document).map((entry) => [entry.process, entry.site]));
  facts = {
    path: document.path,
    processes: document.processes.map((process) => {
      const site = sites.get(process);
      return {
        name: process.name,
        nameRange: process.nameRange,
        commandRange: process.commandRange,
        ...(site ? { gunicorn: { words: site.words, invocation: invocationOf(site) } } : {}),
      };
    }),
  };
  cache.set(document, facts);
  return facts;
}
