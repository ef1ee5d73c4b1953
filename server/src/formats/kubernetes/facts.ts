/**
 * What manifests tell the deployment: each workload's containers, and for the ones that run gunicorn by their own
 * `command:`/`args:`, the command line (a CommandSite where its characters map one to one onto the file) and
 * GUNICORN_CMD_ARGS from `env:`.
 */
import { invocationOf, type CommandSite } from '../../commandline/site';
import type { GunicornInvocation } from '../../commandline/invocation';
import { gunicornInYamlCommand } from '../../commandline/yamlCommand';
import { splitShellWords, type CommandWord } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';
import type { ManifestContainer, ManifestDocument, ManifestObject } from './document';

export const CMD_ARGS_VARIABLE = 'GUNICORN_CMD_ARGS';

export interface ContainerGunicorn {
  words: readonly CommandWord[];
  invocation: GunicornInvocation;
  /** Present when the words' offsets are exact. */
  site?: CommandSite;
  from: 'command' | 'args';
  range: OffsetRange;
  viaShell: boolean;
  exec: boolean;
  /** A `command:` that is not gunicorn runs in front of `args:` that are (a wrapper script). */
  wrapper?: { range: OffsetRange; program: string };
}

export interface ContainerFactsOf {
  object: ManifestObject;
  container: ManifestContainer;
  gunicorn?: ContainerGunicorn;
  cmdArgs?: { invocation: GunicornInvocation; site?: CommandSite; range: OffsetRange };
}

export interface ManifestFacts {
  path: string;
  containers: ContainerFactsOf[];
}

const cache = new WeakMap<ManifestDocument, ManifestFacts>();

export function manifestFacts(document: ManifestDocument): ManifestFacts {
  let facts = cache.get(document);
  if (!facts) {
    facts = {
      path: document.path,
      containers: document.objects.flatMap((object) => (object.pod?.containers ?? []).map((container) => containerFacts(document.path, object, container))),
    };
    cache.set(document, facts);
  }
  return facts;
}

function containerFacts(path: string, object: ManifestObject, container: ManifestContainer): ContainerFactsOf {
  const facts: ContainerFactsOf = { object, container };
  const gunicorn = gunicornOf(path, container);
  if (gunicorn) facts.gunicorn = gunicorn;
  const cmdArgs = [...container.env].reverse().find((entry) => entry.name === CMD_ARGS_VARIABLE && entry.value !== undefined);
  if (cmdArgs && cmdArgs.value !== undefined) {
    const exact = cmdArgs.valueStart !== undefined;
    const words = exact
      ? splitShellWords(cmdArgs.value, cmdArgs.valueStart)
      : splitShellWords(cmdArgs.value).map((word) => ({ ...word, range: cmdArgs.range }));
    const site: CommandSite = { path, host: 'kubernetes', kind: 'cmd-args', words };
    facts.cmdArgs = { invocation: invocationOf(site), range: cmdArgs.range, ...(exact ? { site } : {}) };
  }
  return facts;
}

function gunicornOf(path: string, container: ManifestContainer): ContainerGunicorn | undefined {
  const { command, args } = container;
  const environment = new Map(container.env.flatMap((entry) => (entry.value !== undefined ? [[entry.name, entry.value] as const] : [])));
  const make = (
    words: readonly CommandWord[],
    exact: boolean,
    from: 'command' | 'args',
    range: OffsetRange,
    shell: { viaShell: boolean; exec: boolean },
  ): ContainerGunicorn => {
    const site: CommandSite = {
      path,
      host: 'kubernetes',
      kind: 'command',
      words,
      environment,
      ...(container.workingDir ? { workingDirectory: container.workingDir.value } : {}),
    };
    return { words, invocation: invocationOf(site), from, range, ...shell, ...(exact ? { site } : {}) };
  };
  if (command) {
    const found = gunicornInYamlCommand(command);
    if (found) {
      // `command: [gunicorn]` with `args: [app:app, --workers, "4"]`: Kubernetes runs both as one argument list.
      const direct = !found.viaShell;
      const words = direct && args ? [...found.words, ...args.words] : found.words;
      const exact = command.exact && (!direct || !args || args.exact);
      return make(words, exact, 'command', command.range, found);
    }
  }
  if (!args) return undefined;
  const found = gunicornInYamlCommand(args);
  if (!found) return undefined;
  const gunicorn = make(found.words, args.exact, 'args', args.range, found);
  const program = command?.words[0]?.text;
  if (command && program) gunicorn.wrapper = { range: command.range, program };
  return gunicorn;
}

/** Every site of the file whose offsets are exact. */
export function commandSites(document: ManifestDocument): CommandSite[] {
  return manifestFacts(document).containers.flatMap((facts) =>
    [facts.gunicorn?.site, facts.cmdArgs?.site].filter((site): site is CommandSite => site !== undefined),
  );
}
