/**
 * What a compose file tells the deployment: each service, and for the ones that run gunicorn by their own
 * `command:`/`entrypoint:`, the command line (a CommandSite where its characters map one to one onto the file, so
 * the command-line checks, hovers and completion work in place) and GUNICORN_CMD_ARGS from `environment:`.
 */
import { invocationOf, type CommandSite } from '../../commandline/site';
import type { GunicornInvocation } from '../../commandline/invocation';
import { gunicornInYamlCommand } from '../../commandline/yamlCommand';
import { splitShellWords, type CommandWord } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';
import type { ComposeDocument, ComposeService } from './document';

export const CMD_ARGS_VARIABLE = 'GUNICORN_CMD_ARGS';

export interface ComposeGunicorn {
  /** The words from the program (or wrapper) on; ranges exact only when `site` is present. */
  words: readonly CommandWord[];
  invocation: GunicornInvocation;
  /** Present when the words' offsets are exact. */
  site?: CommandSite;
  /** Which key runs it. */
  from: 'command' | 'entrypoint';
  /** The value of that key, for facts and related places. */
  range: OffsetRange;
  /** gunicorn runs inside `sh -c`; `exec` says whether the shell is replaced by it. */
  viaShell: boolean;
  exec: boolean;
  /** An entrypoint that is not gunicorn runs in front of it (a wrapper script): its value. */
  wrapper?: { range: OffsetRange; program: string };
}

export interface ComposeServiceFacts {
  service: ComposeService;
  gunicorn?: ComposeGunicorn;
  cmdArgs?: { invocation: GunicornInvocation; site?: CommandSite; range: OffsetRange };
}

export interface ComposeFacts {
  path: string;
  services: ComposeServiceFacts[];
}

const cache = new WeakMap<ComposeDocument, ComposeFacts>();

export function composeFacts(document: ComposeDocument): ComposeFacts {
  let facts = cache.get(document);
  if (!facts) {
    facts = { path: document.path, services: document.services.map((service) => serviceFacts(document.path, service)) };
    cache.set(document, facts);
  }
  return facts;
}

function serviceFacts(path: string, service: ComposeService): ComposeServiceFacts {
  const facts: ComposeServiceFacts = { service };
  const gunicorn = gunicornOf(path, service);
  if (gunicorn) facts.gunicorn = gunicorn;
  const cmdArgs = [...service.environment].reverse().find((entry) => entry.name === CMD_ARGS_VARIABLE && entry.value !== undefined);
  if (cmdArgs && cmdArgs.value !== undefined) {
    const exact = cmdArgs.valueStart !== undefined;
    const words = exact
      ? splitShellWords(cmdArgs.value, cmdArgs.valueStart)
      : splitShellWords(cmdArgs.value).map((word) => ({ ...word, range: cmdArgs.range }));
    const site: CommandSite = { path, host: 'compose', kind: 'cmd-args', words };
    facts.cmdArgs = { invocation: invocationOf(site), range: cmdArgs.range, ...(exact ? { site } : {}) };
  }
  return facts;
}

function gunicornOf(path: string, service: ComposeService): ComposeGunicorn | undefined {
  const { entrypoint, command } = service;
  const environment = new Map(service.environment.flatMap((entry) => (entry.value !== undefined ? [[entry.name, entry.value] as const] : [])));
  const make = (
    words: readonly CommandWord[],
    exact: boolean,
    from: 'command' | 'entrypoint',
    range: OffsetRange,
    shell: { viaShell: boolean; exec: boolean },
  ): ComposeGunicorn => {
    const site: CommandSite = {
      path,
      host: 'compose',
      kind: 'command',
      words,
      environment,
      ...(service.workingDir ? { workingDirectory: service.workingDir.value } : {}),
    };
    return { words, invocation: invocationOf(site), from, range, ...shell, ...(exact ? { site } : {}) };
  };
  if (entrypoint) {
    const found = gunicornInYamlCommand(entrypoint);
    if (found) {
      // `entrypoint: [gunicorn]` with `command: [app:app, -w, "4"]`: the container runs both, as one argument list.
      const direct = !found.viaShell;
      const words = direct && command ? [...found.words, ...command.words] : found.words;
      const exact = entrypoint.exact && (!direct || !command || command.exact);
      return make(words, exact, 'entrypoint', entrypoint.range, found);
    }
  }
  if (!command) return undefined;
  const found = gunicornInYamlCommand(command);
  if (!found) return undefined;
  const gunicorn = make(found.words, command.exact, 'command', command.range, found);
  const program = entrypoint?.words[0]?.text;
  if (entrypoint && program) gunicorn.wrapper = { range: entrypoint.range, program };
  return gunicorn;
}

/** Every site of the file: gunicorn command lines and GUNICORN_CMD_ARGS values whose offsets are exact. */
export function commandSites(document: ComposeDocument): CommandSite[] {
  return composeFacts(document).services.flatMap((facts) =>
    [facts.gunicorn?.site, facts.cmdArgs?.site].filter((site): site is CommandSite => site !== undefined),
  );
}
