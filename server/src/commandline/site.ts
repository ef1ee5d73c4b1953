/**
 * A place where some file runs gunicorn with a command line (or sets GUNICORN_CMD_ARGS). Host formats only find
 * these; reading, checking, hovering and completing the words is the same for every host (support.ts).
 */
import { parseGunicornArgs, parseGunicornArguments, type GunicornInvocation } from './invocation';
import type { CommandWord } from './words';

/** Which kind of file holds the command line. */
export type CommandHost = 'systemd' | 'procfile' | 'dockerfile' | 'compose' | 'kubernetes' | 'supervisord' | 'script';

export interface CommandSite {
  /** The file the words are in: their ranges are offsets into its text. */
  path: string;
  host: CommandHost;
  /**
   * `command`: the words start with the program (or a wrapper such as `python -m`, `poetry run`);
   * `cmd-args`: the value of GUNICORN_CMD_ARGS, arguments only (gunicorn takes settings from it, not an app target).
   */
  kind: 'command' | 'cmd-args';
  words: readonly CommandWord[];
  /** The variables the host sets for the process, when it says (values as written; never expanded here). */
  environment?: ReadonlyMap<string, string>;
  /** The folder gunicorn starts in, as the host writes it (WorkingDirectory=, WORKDIR), when known. */
  workingDirectory?: string;
}

const invocations = new WeakMap<CommandSite, GunicornInvocation>();

/** The site's words as gunicorn's argparse reads them (memoised per site: checks, hover and facts share it). */
export function invocationOf(site: CommandSite): GunicornInvocation {
  let invocation = invocations.get(site);
  if (!invocation) {
    invocation = site.kind === 'cmd-args' ? parseGunicornArguments(site.words) : parseGunicornArgs(site.words);
    invocations.set(site, invocation);
  }
  return invocation;
}

/** The text range the site's words cover (empty at 0 when it has none). */
export function siteRange(site: CommandSite): { start: number; end: number } {
  const first = site.words[0];
  const last = site.words[site.words.length - 1];
  return first && last ? { start: first.range.start, end: last.range.end } : { start: 0, end: 0 };
}
