/**
 * The facts a unit contributes to a deployment: what gunicorn it runs and how, how it stops, where it listens.
 * Read from the merged view (unit + drop-ins), so a drop-in that overrides KillMode= is taken into account.
 */
import { parseGunicornArgs, parseGunicornArguments, type GunicornInvocation } from '../../commandline/invocation';
import { gunicornCommandWords } from '../../commandline/shellScript';
import { splitShellWords, type CommandWord } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';
import type { Project } from '../../core/format';
import type { UnitDocument, UnitEntry } from './document';
import { parseEnvironment } from './environment';
import { parseEnvironmentFile } from './environmentFile';
import { parseExecEntry, type ExecCommand } from './execCommand';
import { CMD_ARGS_VARIABLE, cmdArgsInEntry, cmdArgsInFile, type CmdArgsValue } from './gunicornCmdArgs';
import { buildView, effectiveEntries, lastEntry, type UnitView } from './unitView';
import { parseTimeSpan } from './values';
import { findWorkspaceFile } from './workspaceFile';

export interface ValueFact<T> {
  value: T;
  entry: UnitEntry;
  /** The file the value comes from (the unit or a drop-in). */
  path: string;
}

export interface GunicornFact {
  /** The ExecStart= entry that runs gunicorn. */
  entry: UnitEntry;
  path: string;
  command: ExecCommand;
  /** The gunicorn program word (or the python/wrapper word that leads to it). */
  program: CommandWord;
  invocation: GunicornInvocation;
}

/** GUNICORN_CMD_ARGS as the service gets it: environment files override Environment=, the last one wins. */
export interface GunicornCmdArgsFact {
  invocation: GunicornInvocation;
  /** The file the value is written in: the unit, a drop-in, or an environment file of the workspace. */
  path: string;
  /** Where the value is in that file. */
  range: OffsetRange;
}

export interface UnitFacts {
  unitName: string | undefined;
  unitType: string | undefined;
  path: string;
  type?: ValueFact<string>;
  /** Seconds; undefined when not set (systemd's default is 90 s). */
  stopTimeoutSec?: ValueFact<number>;
  startTimeoutSec?: ValueFact<number>;
  killMode?: ValueFact<string>;
  killSignal?: ValueFact<string>;
  privateTmp?: ValueFact<boolean>;
  runtimeDirectories: ValueFact<string>[];
  user?: ValueFact<string>;
  group?: ValueFact<string>;
  workingDirectory?: ValueFact<string>;
  /** ListenStream= addresses of a socket unit. */
  listenStreams: (ValueFact<string> & { range: OffsetRange })[];
  socketUser?: ValueFact<string>;
  socketGroup?: ValueFact<string>;
  socketMode?: ValueFact<string>;
  environment: Map<string, ValueFact<string>>;
  environmentFiles: ValueFact<string>[];
  execReload: ValueFact<string>[];
  limitNofile?: ValueFact<string>;
  /** Units named in Requires=, Wants=, BindsTo=, Sockets=, After= ([Unit]/[Service]). */
  requires: ValueFact<string>[];
  sockets: ValueFact<string>[];
  gunicorn?: GunicornFact;
  gunicornCmdArgs?: GunicornCmdArgsFact;
}

const TRUE_WORDS = new Set(['1', 'yes', 'y', 'true', 't', 'on']);

function single(view: UnitView, section: string, key: string): ValueFact<string> | undefined {
  const placed = lastEntry(view, section, key);
  return placed ? { value: placed.entry.value, entry: placed.entry, path: placed.doc.path } : undefined;
}

function words(view: UnitView, section: string, key: string): ValueFact<string>[] {
  return effectiveEntries(view, section, key).flatMap((placed) =>
    placed.entry.value
      .split(/[ \t]+/)
      .filter((w) => w !== '')
      .map((value) => ({ value, entry: placed.entry, path: placed.doc.path })),
  );
}

/** Variables from Environment= (later ones win), for `$VAR` expansion in commands. */
export function environmentOf(view: UnitView, section: string): Map<string, ValueFact<string>> {
  const env = new Map<string, ValueFact<string>>();
  for (const placed of effectiveEntries(view, section, 'Environment')) {
    for (const assignment of parseEnvironment(placed.entry)) {
      if (assignment.valid) env.set(assignment.name, { value: assignment.value, entry: placed.entry, path: placed.doc.path });
    }
  }
  return env;
}

export function gunicornOf(view: UnitView, environment: () => Map<string, ValueFact<string>>): GunicornFact | undefined {
  for (const placed of effectiveEntries(view, 'Service', 'ExecStart')) {
    // Variables are looked up only when the command uses one.
    const values = placed.entry.value.includes('$') ? new Map([...environment()].map(([k, v]) => [k, v.value])) : new Map<string, string>();
    for (const command of parseExecEntry(placed.entry, values)) {
      if (!command.program) continue;
      const words = gunicornCommandWords([command.program, ...command.args]);
      if (!words) continue;
      return { entry: placed.entry, path: placed.doc.path, command, program: command.program, invocation: parseGunicornArgs(words) };
    }
  }
  return undefined;
}

/** The invocation of a GUNICORN_CMD_ARGS value; when its words have no exact place, each gets the whole value's range. */
function cmdArgsFact(found: CmdArgsValue, path: string): GunicornCmdArgsFact {
  const words = found.words ?? splitShellWords(found.value).map((word) => ({ ...word, range: found.range }));
  return { invocation: parseGunicornArguments(words), path, range: found.range };
}

export function gunicornCmdArgsOf(
  view: UnitView,
  section: string,
  project: Project | undefined,
  workingDirectory: string | undefined,
): GunicornCmdArgsFact | undefined {
  let found: GunicornCmdArgsFact | undefined;
  for (const placed of effectiveEntries(view, section, 'Environment')) {
    for (const value of cmdArgsInEntry(placed.entry)) found = cmdArgsFact(value, placed.doc.path);
  }
  for (const placed of effectiveEntries(view, section, 'EnvironmentFile')) {
    // `-/etc/app/env`: the file is optional; systemd reads it when it is there.
    const file = findWorkspaceFile(placed.entry.value.replace(/^-/, ''), view.main.path, workingDirectory, project);
    const text = file ? project?.readFile(file) : undefined;
    if (!file || text === undefined) continue;
    for (const assignment of parseEnvironmentFile(text)) {
      if (assignment.name === CMD_ARGS_VARIABLE) found = cmdArgsFact(cmdArgsInFile(assignment), file);
    }
  }
  return found;
}

export function factsFromView(view: UnitView, project?: Project): UnitFacts {
  const doc = view.main;
  const section = doc.unitType === 'socket' ? 'Socket' : 'Service';
  let environment: Map<string, ValueFact<string>> | undefined;
  const env = () => (environment ??= environmentOf(view, section));
  const timeout = (key: string): ValueFact<number> | undefined => {
    const fact = single(view, 'Service', key) ?? (key !== 'TimeoutSec' ? single(view, 'Service', 'TimeoutSec') : undefined);
    const seconds = fact ? parseTimeSpan(fact.value) : undefined;
    return fact && seconds !== undefined ? { ...fact, value: seconds } : undefined;
  };
  const privateTmp = single(view, section, 'PrivateTmp');
  const workingDirectory = single(view, section, 'WorkingDirectory');
  let cmdArgs: { fact: GunicornCmdArgsFact | undefined } | undefined;
  return {
    unitName: doc.unitName,
    unitType: doc.unitType,
    path: doc.path,
    type: single(view, 'Service', 'Type'),
    stopTimeoutSec: timeout('TimeoutStopSec'),
    startTimeoutSec: timeout('TimeoutStartSec'),
    killMode: single(view, section, 'KillMode'),
    killSignal: single(view, section, 'KillSignal'),
    privateTmp: privateTmp ? { ...privateTmp, value: TRUE_WORDS.has(privateTmp.value.toLowerCase()) || privateTmp.value.endsWith('connected') } : undefined,
    runtimeDirectories: words(view, section, 'RuntimeDirectory'),
    user: single(view, section, 'User'),
    group: single(view, section, 'Group'),
    workingDirectory,
    listenStreams: effectiveEntries(view, 'Socket', 'ListenStream').map((p) => ({
      value: p.entry.value,
      entry: p.entry,
      path: p.doc.path,
      range: p.entry.valueRange,
    })),
    socketUser: single(view, 'Socket', 'SocketUser'),
    socketGroup: single(view, 'Socket', 'SocketGroup'),
    socketMode: single(view, 'Socket', 'SocketMode'),
    get environment() {
      return env();
    },
    environmentFiles: effectiveEntries(view, section, 'EnvironmentFile').map((p) => ({ value: p.entry.value, entry: p.entry, path: p.doc.path })),
    execReload: effectiveEntries(view, 'Service', 'ExecReload').map((p) => ({ value: p.entry.value, entry: p.entry, path: p.doc.path })),
    limitNofile: single(view, section, 'LimitNOFILE'),
    requires: [...words(view, 'Unit', 'Requires'), ...words(view, 'Unit', 'Wants'), ...words(view, 'Unit', 'BindsTo')],
    sockets: words(view, 'Service', 'Sockets'),
    gunicorn: doc.unitType === 'service' || doc.dropIn ? gunicornOf(view, env) : undefined,
    // Read on demand: it may open environment files.
    get gunicornCmdArgs() {
      cmdArgs ??= { fact: section === 'Service' ? gunicornCmdArgsOf(view, section, project, workingDirectory?.value) : undefined };
      return cmdArgs.fact;
    },
  };
}

/** The facts of a unit (with its drop-ins when a project is given). */
export function unitFacts(doc: UnitDocument, project?: Project): UnitFacts {
  return factsFromView(buildView(doc, project), project);
}
