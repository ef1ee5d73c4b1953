/**
 * The gunicorn command lines a unit file holds, as command-line sites: every `Exec*=` command that runs gunicorn
 * (directly, through a wrapper, or in an `sh -c` script) and every GUNICORN_CMD_ARGS in `Environment=`. Only this
 * file's own entries: a drop-in's command lines are the drop-in's findings. `$VAR` in a command is expanded from the
 * unit's Environment=, as systemd does, with the expanded words keeping the range of the `$VAR` they came from.
 */
import type { CommandSite } from '../../commandline/site';
import { gunicornCommandWords } from '../../commandline/shellScript';
import type { SystemdCheckContext } from './context';
import type { UnitEntry } from './document';
import { parseExecEntry } from './execCommand';
import { cmdArgsInEntry } from './gunicornCmdArgs';

const EXEC_KEYS = new Set(['ExecStart', 'ExecStartPre', 'ExecStartPost', 'ExecCondition', 'ExecReload', 'ExecStop', 'ExecStopPost']);

export function commandSites(context: SystemdCheckContext): CommandSite[] {
  const sites: CommandSite[] = [];
  let environment: Map<string, string> | undefined;
  const env = () => (environment ??= environmentValues(context));
  for (const entry of context.document.entries) {
    if (entry.section !== 'Service') continue;
    if (EXEC_KEYS.has(entry.key)) sites.push(...execSites(entry, context, env));
    else if (entry.key === 'Environment' && entry.value.includes('GUNICORN_CMD_ARGS')) sites.push(...cmdArgsSites(entry, context));
  }
  return sites;
}

/** The sites of the entry under the offset (hover and completion need only that one). */
export function commandSitesAt(context: SystemdCheckContext, offset: number): CommandSite[] {
  // Blanks after the value still belong to its line: the cursor there is about to type the next word.
  const entry = context.document.entries.find(
    (candidate) => candidate.range.start <= offset && (offset <= candidate.range.end || /^[ \t]*$/.test(context.text.slice(candidate.range.end, offset))),
  );
  if (!entry || entry.section !== 'Service') return [];
  if (EXEC_KEYS.has(entry.key)) return execSites(entry, context, () => environmentValues(context));
  return entry.key === 'Environment' ? cmdArgsSites(entry, context) : [];
}

function environmentValues(context: SystemdCheckContext): Map<string, string> {
  return new Map([...context.facts.environment].map(([name, fact]) => [name, fact.value]));
}

function execSites(entry: UnitEntry, context: SystemdCheckContext, environment: () => Map<string, string>): CommandSite[] {
  const usesVariables = entry.value.includes('$');
  const sites: CommandSite[] = [];
  for (const command of parseExecEntry(entry, usesVariables ? environment() : new Map())) {
    if (!command.program) continue;
    const words = gunicornCommandWords([command.program, ...command.args]);
    if (!words) continue;
    sites.push({
      path: context.path,
      host: 'systemd',
      kind: 'command',
      words,
      environment: usesVariables ? environment() : undefined,
      workingDirectory: context.facts.workingDirectory?.value,
    });
  }
  return sites;
}

function cmdArgsSites(entry: UnitEntry, context: SystemdCheckContext): CommandSite[] {
  return cmdArgsInEntry(entry).flatMap((found) =>
    found.words && found.words.length > 0 ? [{ path: context.path, host: 'systemd' as const, kind: 'cmd-args' as const, words: found.words }] : [],
  );
}
