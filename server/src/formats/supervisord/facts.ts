/**
 * What a supervisord config tells the deployment: its `[program:x]` sections, and for each one that runs
 * gunicorn, the command line as a site and the settings that say how supervisord runs and stops it.
 */
import { invocationOf, type CommandSite } from '../../commandline/site';
import type { GunicornInvocation } from '../../commandline/invocation';
import { gunicornCommandWords } from '../../commandline/shellScript';
import { splitShellWords, type CommandWord } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';
import type { IniEntry, IniSection, SupervisordDocument } from './document';

export interface ProgramValue<T = string> {
  value: T;
  range: OffsetRange;
  entry: IniEntry;
}

export interface ProgramFacts {
  /** `web` for `[program:web]`. */
  name: string;
  section: IniSection;
  command?: ProgramValue;
  /** The gunicorn command, when the program runs gunicorn. */
  gunicorn?: { site: CommandSite; words: readonly CommandWord[]; invocation: GunicornInvocation };
  /** Seconds; supervisord's default is 10. */
  stopwaitsecs?: ProgramValue<number>;
  stopsignal?: ProgramValue;
  stopasgroup?: ProgramValue<boolean>;
  killasgroup?: ProgramValue<boolean>;
  directory?: ProgramValue;
  user?: ProgramValue;
  /** `environment=KEY="val",KEY2=val2`, each value with its own range. */
  environment: Map<string, { value: string; range: OffsetRange }>;
  /** GUNICORN_CMD_ARGS from `environment=`, as a site. */
  cmdArgs?: CommandSite;
}

export interface SupervisordFacts {
  path: string;
  programs: ProgramFacts[];
}

/** supervisord's default stopwaitsecs. */
export const SUPERVISORD_DEFAULT_STOPWAITSECS = 10;

const cache = new WeakMap<SupervisordDocument, SupervisordFacts>();

export function supervisordFacts(document: SupervisordDocument): SupervisordFacts {
  let facts = cache.get(document);
  if (facts) return facts;
  facts = { path: document.path, programs: [] };
  for (const section of document.sections) {
    const match = /^program:(.+)$/.exec(section.name);
    if (match) facts.programs.push(programOf(document, section, match[1].trim()));
  }
  cache.set(document, facts);
  return facts;
}

function last(section: IniSection, key: string): IniEntry | undefined {
  for (let i = section.entries.length - 1; i >= 0; i--) if (section.entries[i].key === key) return section.entries[i];
  return undefined;
}

function text(entry: IniEntry | undefined): ProgramValue | undefined {
  return entry && entry.value.trim() !== '' ? { value: entry.value.trim(), range: entry.valueRange, entry } : undefined;
}

function bool(entry: IniEntry | undefined): ProgramValue<boolean> | undefined {
  const value = entry?.value.trim().toLowerCase();
  if (!entry || value === undefined) return undefined;
  if (['true', 'yes', 'on', '1'].includes(value)) return { value: true, range: entry.valueRange, entry };
  if (['false', 'no', 'off', '0'].includes(value)) return { value: false, range: entry.valueRange, entry };
  return undefined;
}

/** supervisord expands `%(ENV_X)s` and `%(program_name)s`; same-length `$(...)s` makes the checks leave them alone. */
function maskExpansions(value: string): string {
  return value.replace(/%\(([^)]*)\)/g, (whole) => `$${whole.slice(1)}`);
}

function programOf(document: SupervisordDocument, section: IniSection, name: string): ProgramFacts {
  const program: ProgramFacts = { name, section, environment: new Map() };
  const command = text(last(section, 'command'));
  if (command) {
    program.command = command;
    // supervisord splits the command itself (shlex), no shell; `sh -c '...'` inside is read by the helpers.
    const words = splitShellWords(maskExpansions(command.entry.value), command.range.start);
    const found = gunicornCommandWords(words);
    if (found) {
      const site: CommandSite = { path: document.path, host: 'supervisord', kind: 'command', words: found };
      program.gunicorn = { site, words: found, invocation: invocationOf(site) };
    }
  }
  const stop = last(section, 'stopwaitsecs');
  if (stop && /^\d+$/.test(stop.value.trim())) program.stopwaitsecs = { value: Number(stop.value.trim()), range: stop.valueRange, entry: stop };
  const stopsignal = text(last(section, 'stopsignal'));
  if (stopsignal) program.stopsignal = stopsignal;
  const stopasgroup = bool(last(section, 'stopasgroup'));
  if (stopasgroup) program.stopasgroup = stopasgroup;
  const killasgroup = bool(last(section, 'killasgroup'));
  if (killasgroup) program.killasgroup = killasgroup;
  const directory = text(last(section, 'directory'));
  if (directory) program.directory = directory;
  const user = text(last(section, 'user'));
  if (user) program.user = user;
  const environment = last(section, 'environment');
  if (environment) readEnvironment(program, environment);
  const args = program.environment.get('GUNICORN_CMD_ARGS');
  if (args) {
    const words = splitShellWords(maskExpansions(args.value), args.range.start);
    if (words.length > 0 && document.text.slice(args.range.start, args.range.end) === args.value) {
      program.cmdArgs = { path: document.path, host: 'supervisord', kind: 'cmd-args', words };
    }
  }
  if (program.gunicorn) {
    const env = new Map([...program.environment].map(([key, value]) => [key, value.value]));
    program.gunicorn.site.environment = env;
    if (directory) program.gunicorn.site.workingDirectory = directory.value;
  }
  return program;
}

/** `KEY="value, with comma",KEY2=value2`: supervisord's dict_of_key_value_pairs, with each value's range. */
function readEnvironment(program: ProgramFacts, entry: IniEntry): void {
  const value = entry.value;
  let i = 0;
  const base = entry.valueRange.start;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i])) i++;
    const keyMatch = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(value.slice(i));
    if (!keyMatch) return;
    i += keyMatch[0].length;
    const quote = value[i] === '"' || value[i] === "'" ? value[i] : undefined;
    let start: number;
    let end: number;
    if (quote) {
      const close = value.indexOf(quote, i + 1);
      if (close < 0) return;
      start = i + 1;
      end = close;
      i = close + 1;
    } else {
      start = i;
      while (i < value.length && value[i] !== ',') i++;
      end = i;
      while (end > start && /\s/.test(value[end - 1])) end--;
    }
    program.environment.set(keyMatch[1], { value: value.slice(start, end), range: { start: base + start, end: base + end } });
  }
}

export function commandSites(document: SupervisordDocument): CommandSite[] {
  return supervisordFacts(document).programs.flatMap((program) => [
    ...(program.gunicorn ? [program.gunicorn.site] : []),
    ...(program.cmdArgs ? [program.cmdArgs] : []),
  ]);
}
