/**
 * The facts a unit contributes to a deployment: what gunicorn it runs and how, how it stops, where it listens.
 * Read from the merged view (unit + drop-ins), so a drop-in that overrides KillMode= is taken into account.
 */
import type { OffsetRange } from '../../core/text';
import type { Project } from '../../core/format';
import type { UnitDocument, UnitEntry } from './document';
import { parseEnvironment } from './environment';
import { parseExecEntry, type CommandWord, type ExecCommand } from './execCommand';
import { parseGunicornArgs, type GunicornInvocation } from './gunicornCommand';
import { gunicornWords } from './gunicornWords';
import { buildView, effectiveEntries, lastEntry, type UnitView } from './unitView';
import { parseTimeSpan } from './values';

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
}

const TRUE_WORDS = new Set(['1', 'yes', 'y', 'true', 't', 'on']);

function single(view: UnitView, section: string, key: string): ValueFact<string> | undefined {
  const placed = lastEntry(view, section, key);
  return placed ? { value: placed.entry.value, entry: placed.entry, path: placed.doc.path } : undefined;
}

function words(view: UnitView, section: string, key: string): ValueFact<string>[] {
  return effectiveEntries(view, section, key).flatMap((placed) =>
    placed.entry.value.split(/[ \t]+/).filter((w) => w !== '').map((value) => ({ value, entry: placed.entry, path: placed.doc.path })),
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
      const words = gunicornWords([command.program, ...command.args]);
      if (!words) continue;
      return { entry: placed.entry, path: placed.doc.path, command, program: command.program, invocation: parseGunicornArgs(words) };
    }
  }
  return undefined;
}

export function factsFromView(view: UnitView): UnitFacts {
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
    workingDirectory: single(view, section, 'WorkingDirectory'),
    listenStreams: effectiveEntries(view, 'Socket', 'ListenStream').map((p) => ({ value: p.entry.value, entry: p.entry, path: p.doc.path, range: p.entry.valueRange })),
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
  };
}

/** The facts of a unit (with its drop-ins when a project is given). */
export function unitFacts(doc: UnitDocument, project?: Project): UnitFacts {
  return factsFromView(buildView(doc, project));
}
