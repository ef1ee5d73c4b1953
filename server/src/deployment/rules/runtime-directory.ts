/**
 * systemd/runtime-directory, read from the deployment: gunicorn's unix socket or pid file sits in /run/NAME/ and
 * the unit has no RuntimeDirectory=NAME, or sits directly in /run/ while the unit runs as a user other than root.
 * The bind and pidfile count wherever they are set: the command line, GUNICORN_CMD_ARGS or the config file. A
 * socket a `.socket` unit creates is systemd's business and fine. The finding is in the unit, which the fix edits:
 * on the value when the unit sets it, else on the `-c` path of the config that does, else on ExecStart=.
 */
import { settingOf, stringSetting } from '../effective';
import { dataOf, related } from '../findings';
import type { EffectiveSetting, Invocation, Place } from '../model';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { addServiceLine, unitDocument } from '../unitEdits';

const RULE_ID = 'systemd/runtime-directory';

/** The NAME of `/run/NAME/…` (or `/var/run/NAME/…`), for a path with a file below the folder. */
export function runFolder(p: string): string | undefined {
  return /^(?:unix:)?(?:\/var)?\/run\/([^/\s]+)\/[^/\s]+/.exec(p)?.[1];
}

/** A file directly in /run (`/run/app.sock`). */
function inRunItself(p: string): boolean {
  return /^(?:unix:)?(?:\/var)?\/run\/[^/\s]+$/.test(p);
}

interface RunPath {
  path: string;
  place: Place;
  /** How the message names where it is set: `--bind`, `bind in the config file`. */
  where: string;
}

function describe(setting: EffectiveSetting): string {
  if (setting.source === 'command-line') return setting.flag ?? `--${setting.name}`;
  if (setting.source === 'env') return `${setting.flag ?? setting.name} in GUNICORN_CMD_ARGS`;
  return `${setting.name} in the config file`;
}

function runPaths(invocation: Invocation): RunPath[] {
  const found: RunPath[] = [];
  const bind = settingOf(invocation, 'bind');
  for (const b of invocation.binds) {
    if (b.via === 'gunicorn' && b.endpoint.kind === 'unix' && b.endpoint.socketPath) found.push({ path: b.endpoint.socketPath, place: b.place, where: describe(bind) });
  }
  const pidfile = stringSetting(invocation, 'pidfile');
  const pidSetting = settingOf(invocation, 'pidfile');
  if (pidfile && pidSetting.place) found.push({ path: pidfile, place: pidSetting.place, where: describe(pidSetting) });
  return found;
}

/** Where the finding goes in the unit: the value itself, the `-c` path that leads to it, else ExecStart=. */
function placeInUnit(invocation: Invocation, value: Place, unitPath: string): Place {
  if (value.path === unitPath) return value;
  const written = invocation.config?.written?.place;
  if (written && written.path === unitPath) return written;
  return invocation.supervisor!.command;
}

function isRoot(user: string | undefined): boolean {
  return user === undefined || user === 'root' || user === '0';
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A socket or pid file under `/run/NAME/` without `RuntimeDirectory=NAME`.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const supervisor = invocation.supervisor;
      if (supervisor?.kind !== 'systemd' || !supervisor.runtimeDirectories) continue;
      const have = new Set(supervisor.runtimeDirectories.map((d) => d.value.split('/')[0].split(':')[0]));
      const reported = new Set<string>();
      for (const item of runPaths(invocation)) {
        const where = placeInUnit(invocation, item.place, supervisor.path);
        const folder = runFolder(item.path);
        if (folder) {
          if (have.has(folder) || reported.has(folder)) continue;
          reported.add(folder);
          findings.push({
            rule: RULE_ID,
            path: where.path,
            range: where.range,
            message: `${item.path} (${item.where}) lives in /run/${folder}/, which nothing creates: /run is emptied at boot and only root may write there. Add RuntimeDirectory=${folder}.`,
            related: where === item.place ? [] : related(item.place, `${item.where}`),
            data: { folder },
          });
        } else if (inRunItself(item.path) && !isRoot(supervisor.user?.value.trim()) && !reported.has(item.path)) {
          reported.add(item.path);
          findings.push({
            rule: RULE_ID,
            path: where.path,
            range: where.range,
            message: `${item.path} (${item.where}) is directly in /run, where only root may create files, and the service runs as ${supervisor.user!.value}. Add RuntimeDirectory=NAME and put the file under /run/NAME/.`,
            related: [...(where === item.place ? [] : related(item.place, `${item.where}`)), ...related(supervisor.user!.place, 'the service user')],
          });
        }
      }
    }
    return findings;
  },
  fixes(finding, { model, project }) {
    const { folder } = dataOf<{ folder: string }>(finding);
    if (typeof folder !== 'string') return [];
    const supervisor = model.invocations.map((i) => i.supervisor).find((s) => s?.kind === 'systemd' && s.path === finding.path);
    if (!supervisor) return [];
    const text = project.readFile(supervisor.path);
    const edit = text === undefined ? undefined : addServiceLine(unitDocument(text, supervisor.path), supervisor.path, `RuntimeDirectory=${folder}`, supervisor.command.range.start);
    return edit ? [{ title: `Add RuntimeDirectory=${folder}`, safe: true, preferred: true, edits: [edit] }] : [];
  },
};
