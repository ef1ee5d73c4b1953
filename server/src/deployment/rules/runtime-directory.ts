/**
 * systemd/runtime-directory, read from the deployment: gunicorn's unix socket or pid file sits in /run/NAME/ and
 * the unit has no RuntimeDirectory=NAME, or sits directly in /run/ while the unit runs as a user other than root.
 * The bind and pidfile count wherever they are set: the command line, GUNICORN_CMD_ARGS or the config file. A
 * socket a `.socket` unit creates is systemd's business and fine. The finding is in the unit, which the fix edits:
 * on the value when the unit sets it, else on the `-c` path of the config that does, else on ExecStart=.
 */
import { settingOf, stringSetting } from '../effective';
import { dataOf, related } from '../findings';
import type { FileEdit } from '../../core/findings';
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
    if (b.via === 'gunicorn' && b.endpoint.kind === 'unix' && b.endpoint.socketPath)
      found.push({ path: b.endpoint.socketPath, place: b.place, where: describe(bind) });
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

/** A socket a `.socket` unit listens on: systemd creates it as root and hands it over (socket activation). */
function fromSocketUnit(invocation: Invocation, p: string): boolean {
  const socketPath = p.replace(/^unix:/, '');
  return (
    invocation.socketUnits.some((unit) => unit.listen.some((l) => l.endpoint.socketPath === socketPath)) ||
    invocation.binds.some((b) => b.via === 'systemd-socket' && b.endpoint.socketPath === socketPath)
  );
}

/** The folder to move a file into: the unit's own RuntimeDirectory= when it has one, else the unit's name. */
function folderName(have: readonly { value: string }[] | undefined, unitName: string | undefined): string | undefined {
  const existing = have?.[0]?.value.split(':')[0];
  if (existing && /^[\w.-]+(\/[\w.-]+)*$/.test(existing)) return existing;
  const base = unitName?.replace(/\.service$/, '');
  return base && /^[\w.-]+$/.test(base) && !base.includes('@') ? base : undefined;
}

/** `/run/app.sock` -> `/run/NAME/app.sock` inside a written value (`unix:/run/app.sock`, `"unix:/run/app.sock"`). */
function moveInto(written: string, file: string, name: string): string | undefined {
  const at = written.indexOf(file);
  if (at < 0) return undefined;
  const moved = file.replace(/^((?:\/var)?\/run\/)/, `$1${name}/`);
  return written.slice(0, at) + moved + written.slice(at + file.length);
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A socket or pid file under `/run/NAME/` without `RuntimeDirectory=NAME`, or directly in `/run/` under a non-root `User=`.',
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
        } else if (inRunItself(item.path) && !isRoot(supervisor.user?.value.trim()) && !reported.has(item.path) && !fromSocketUnit(invocation, item.path)) {
          reported.add(item.path);
          const name = folderName(supervisor.runtimeDirectories, supervisor.name);
          findings.push({
            rule: RULE_ID,
            path: where.path,
            range: where.range,
            message: `${item.path} (${item.where}) is directly in /run, where only root may create files, and the service runs as ${supervisor.user!.value}: gunicorn fails to start with "Permission denied". Put it under /run/${name ?? 'NAME'}/ and add RuntimeDirectory=${name ?? 'NAME'}, which systemd creates for the service's user.`,
            related: [...(where === item.place ? [] : related(item.place, `${item.where}`)), ...related(supervisor.user!.place, 'the service user')],
            data: name ? { move: item.path.replace(/^unix:/, ''), name, place: item.place } : undefined,
          });
        }
      }
    }
    return findings;
  },
  fixes(finding, { model, project }) {
    const data = dataOf<{ folder: string; move: string; name: string; place: Place }>(finding);
    const supervisor = model.invocations.map((i) => i.supervisor).find((s) => s?.kind === 'systemd' && s.path === finding.path);
    if (!supervisor) return [];
    const text = project.readFile(supervisor.path);
    if (text === undefined) return [];
    if (typeof data.folder === 'string') {
      const edit = addServiceLine(unitDocument(text, supervisor.path), supervisor.path, `RuntimeDirectory=${data.folder}`, supervisor.command.range.start);
      return edit ? [{ title: `Add RuntimeDirectory=${data.folder}`, safe: true, preferred: true, edits: [edit] }] : [];
    }
    const { move, name, place } = data;
    if (typeof move !== 'string' || typeof name !== 'string' || !place) return [];
    const edits: FileEdit[] = [];
    // Every place that names the file moves with it: gunicorn's bind or pidfile, and nginx proxies to the socket.
    const places: Place[] = [place, ...model.proxies.flatMap((p) => p.endpoints.filter((e) => e.value.socketPath === move).map((e) => e.place))];
    const seen = new Set<string>();
    for (const at of places) {
      const key = `${at.path}:${at.range.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const source = at.path === supervisor.path ? text : project.readFile(at.path);
      const written = source?.slice(at.range.start, at.range.end);
      const newText = written === undefined ? undefined : moveInto(written, move, name);
      if (newText === undefined) return [];
      edits.push({ path: at.path, range: at.range, newText });
    }
    const has = (supervisor.runtimeDirectories ?? []).some((d) => d.value.split(':')[0] === name);
    if (!has) {
      const edit = addServiceLine(unitDocument(text, supervisor.path), supervisor.path, `RuntimeDirectory=${name}`, supervisor.command.range.start);
      if (!edit) return [];
      edits.push({ ...edit, path: supervisor.path });
    }
    return [{ title: `Move ${move} to /run/${name}/ (RuntimeDirectory=${name})`, safe: false, preferred: true, edits }];
  },
};
