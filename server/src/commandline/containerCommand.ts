/**
 * The gunicorn a container runs, from the two keys container runtimes split a command into: a program part (compose
 * `entrypoint:`, Kubernetes `command:`) and an arguments part (compose `command:`, Kubernetes `args:`). Both are
 * read the same way: gunicorn in the program part takes the arguments part as its own arguments; gunicorn only in
 * the arguments part runs behind the program part (a wrapper script). GUNICORN_CMD_ARGS comes from the container's
 * environment. One reader for both formats, which may not import each other.
 */
import type { OffsetRange } from '../core/text';
import { CMD_ARGS_VARIABLE, type GunicornInvocation } from './invocation';
import { invocationOf, type CommandHost, type CommandSite } from './site';
import { gunicornInYamlCommand, type YamlCommand } from './yamlCommand';
import { splitShellWords, type CommandWord } from './words';

export interface ContainerGunicorn<Key extends string> {
  /** The words from the program (or wrapper) on; ranges exact only when `site` is present. */
  words: readonly CommandWord[];
  invocation: GunicornInvocation;
  /** Present when the words' offsets are exact. */
  site?: CommandSite;
  /** Which key runs it. */
  from: Key;
  /** The value of that key, for facts and related places. */
  range: OffsetRange;
  /** gunicorn runs inside `sh -c`; `exec` says whether the shell is replaced by it. */
  viaShell: boolean;
  exec: boolean;
  /** A program part that is not gunicorn runs in front of it (a wrapper script): its value. */
  wrapper?: { range: OffsetRange; program: string };
}

export interface ContainerCommand<Key extends string> {
  host: CommandHost;
  path: string;
  program?: { key: Key; value: YamlCommand & { range: OffsetRange } };
  args?: { key: Key; value: YamlCommand & { range: OffsetRange } };
  environment: ReadonlyMap<string, string>;
  workingDirectory?: string;
}

export function containerGunicorn<Key extends string>(container: ContainerCommand<Key>): ContainerGunicorn<Key> | undefined {
  const { program, args } = container;
  const make = (
    words: readonly CommandWord[],
    exact: boolean,
    from: Key,
    range: OffsetRange,
    shell: { viaShell: boolean; exec: boolean },
  ): ContainerGunicorn<Key> => {
    const site: CommandSite = {
      path: container.path,
      host: container.host,
      kind: 'command',
      words,
      environment: container.environment,
      ...(container.workingDirectory ? { workingDirectory: container.workingDirectory } : {}),
    };
    return { words, invocation: invocationOf(site), from, range, viaShell: shell.viaShell, exec: shell.exec, ...(exact ? { site } : {}) };
  };
  if (program) {
    const found = gunicornInYamlCommand(program.value);
    if (found) {
      // `[gunicorn]` with arguments `[app:app, -w, "4"]`: the runtime runs both as one argument list.
      const direct = !found.viaShell;
      const words = direct && args ? [...found.words, ...args.value.words] : found.words;
      const exact = program.value.exact && (!direct || !args || args.value.exact);
      return make(words, exact, program.key, program.value.range, found);
    }
  }
  if (!args) return undefined;
  const found = gunicornInYamlCommand(args.value);
  if (!found) return undefined;
  const gunicorn = make(found.words, args.value.exact, args.key, args.value.range, found);
  const name = program?.value.words[0]?.text;
  if (program && name) gunicorn.wrapper = { range: program.value.range, program: name };
  return gunicorn;
}

/** An environment entry as both formats read it: `valueStart` when value[i] sits at valueStart + i in the file. */
export interface EnvironmentEntry {
  name: string;
  value?: string;
  valueStart?: number;
  range: OffsetRange;
}

/** The last GUNICORN_CMD_ARGS of a container's environment, parsed; a site only where its offsets are exact. */
export function containerCmdArgs(
  entries: readonly EnvironmentEntry[],
  path: string,
  host: CommandHost,
): { invocation: GunicornInvocation; site?: CommandSite; range: OffsetRange } | undefined {
  const entry = [...entries].reverse().find((candidate) => candidate.name === CMD_ARGS_VARIABLE && candidate.value !== undefined);
  if (!entry || entry.value === undefined) return undefined;
  const exact = entry.valueStart !== undefined;
  const words = exact ? splitShellWords(entry.value, entry.valueStart) : splitShellWords(entry.value).map((word) => ({ ...word, range: entry.range }));
  const site: CommandSite = { path, host, kind: 'cmd-args', words };
  return { invocation: invocationOf(site), range: entry.range, ...(exact ? { site } : {}) };
}

/** The values an environment sets, by name (entries without a value, `- NAME`, pass the host's through). */
export function environmentValues(entries: readonly EnvironmentEntry[]): Map<string, string> {
  return new Map(entries.flatMap((entry) => (entry.value !== undefined ? [[entry.name, entry.value] as const] : [])));
}
