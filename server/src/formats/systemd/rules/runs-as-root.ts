/**
 * systemd/runs-as-root: a gunicorn service with no `User=` (or `User=root`/`0`) and no `DynamicUser=yes`, whose
 * gunicorn does not drop privileges itself (`--user`, or `user =` in its config): the master and every worker, and
 * so the app and anything that exploits it, run as root.
 */
import type { Rule } from '../../../core/rule';
import { optionValue } from '../../../commandline/invocation';
import { resolveConfigPath } from '../configFile';
import type { SystemdCheckContext } from '../context';
import { lastEntry } from '../unitView';
import { findWorkspaceFile } from '../workspaceFile';
import { localGunicorn } from './helpers';

const TRUE_WORDS = new Set(['1', 'yes', 'y', 'true', 't', 'on']);

/** A Python config that sets gunicorn's `user` (a module-level `user = ...`). */
function setsUser(text: string | undefined): boolean {
  return text !== undefined && /^user\s*=/m.test(text);
}

/** Whether gunicorn itself switches its workers to another user; undefined when we cannot tell. */
function gunicornDropsPrivileges(context: SystemdCheckContext): boolean | undefined {
  const gunicorn = localGunicorn(context)!;
  if (optionValue(gunicorn.invocation, 'user')) return true;
  const cmdArgs = context.facts.gunicornCmdArgs;
  if (cmdArgs && optionValue(cmdArgs.invocation, 'user')) return true;
  if (context.facts.environment.has('GUNICORN_CMD_ARGS') && !cmdArgs) return undefined;
  if (context.facts.environmentFiles.length > 0 && !cmdArgs) {
    // An environment file outside the workspace may set GUNICORN_CMD_ARGS=--user ...: only files we read count.
    const readable = context.facts.environmentFiles.every((f) =>
      findWorkspaceFile(f.value.replace(/^-/, ''), context.facts.path, context.facts.workingDirectory?.value, context.project),
    );
    if (!readable) return undefined;
  }
  const config = optionValue(gunicorn.invocation, 'config') ?? (cmdArgs ? optionValue(cmdArgs.invocation, 'config') : undefined);
  if (config) {
    const value = config.value?.text;
    if (!value) return undefined;
    const file = resolveConfigPath(value, context.facts, context.project);
    if (!file) return undefined;
    return setsUser(context.project.readFile(file));
  }
  // gunicorn reads ./gunicorn.conf.py from its working directory when no -c is given.
  const implicit = findWorkspaceFile('gunicorn.conf.py', context.facts.path, context.facts.workingDirectory?.value, context.project);
  return implicit ? setsUser(context.project.readFile(implicit)) : false;
}

/** A unit of a user's own service manager (~/.config/systemd/user): it runs as that user and cannot set User=. */
function isUserUnit(context: SystemdCheckContext): boolean {
  if (/(^|\/)systemd\/user\//.test(context.document.path.split('\\').join('/'))) return true;
  const wantedBy = lastEntry(context.view, 'Install', 'WantedBy')?.entry.value.split(/\s+/) ?? [];
  return wantedBy.includes('default.target') && !wantedBy.includes('multi-user.target');
}

export const runsAsRoot: Rule<SystemdCheckContext> = {
  id: 'systemd/runs-as-root',
  severity: 'warning',
  summary: 'A gunicorn service with no `User=` (or `User=root`) and no `DynamicUser=`: the app runs as root.',
  check(context) {
    const gunicorn = localGunicorn(context);
    if (!gunicorn || context.document.unitType !== 'service') return [];
    const user = context.facts.user;
    const name = user?.value.trim();
    if (name !== undefined && name !== 'root' && name !== '0') return [];
    const dynamic = lastEntry(context.view, 'Service', 'DynamicUser');
    if (dynamic && TRUE_WORDS.has(dynamic.entry.value.trim().toLowerCase())) return [];
    if (user && user.path !== context.document.path) return [];
    if (isUserUnit(context)) return [];
    if (gunicornDropsPrivileges(context) !== false) return [];
    return [
      {
        rule: 'systemd/runs-as-root',
        range: user ? user.entry.valueRange : gunicorn.entry.keyRange,
        message: `${user ? `User=${name}` : 'No User='}: gunicorn and every worker run as root, so a bug in the app (or in any package it imports) is a root compromise. Run it as an unprivileged user (User=, or DynamicUser=yes).`,
      },
    ];
  },
};
