/**
 * deploy/private-tmp-socket: gunicorn creates its unix socket under /tmp (or /var/tmp) in a unit with
 * `PrivateTmp=yes`, and nginx connects to that path. The service sees a /tmp of its own; nginx, outside it, finds
 * no socket there and answers 502. The fix moves the socket to /run/NAME/ on both sides and has systemd create
 * that folder (RuntimeDirectory=): an unsafe fix, since it renames a path other tools may know.
 */
import * as path from 'node:path';
import type { FileEdit } from '../../core/findings';
import { serves } from '../addresses';
import { dataOf, related, unique } from '../findings';
import type { Place } from '../model';
import { addressRange } from '../nginxEdits';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { addServiceLine, unitDocument } from '../unitEdits';

const RULE_ID = 'deploy/private-tmp-socket';

function inPrivateTmp(socketPath: string | undefined): boolean {
  return !!socketPath && /^\/(var\/)?tmp\/./.test(path.posix.normalize(socketPath));
}

/** The unit's name without type or instance: `myapp` for `myapp.service` and `myapp@1.service`. */
function unitStem(name: string | undefined, file: string): string | undefined {
  const base = name ?? path.basename(file);
  const stem = base.replace(/\.service$/, '').replace(/@.*$/, '');
  return /^[A-Za-z0-9_.-]+$/.test(stem) ? stem : undefined;
}

interface FixData {
  socketPath: string;
  movedTo: string;
  bind: Place;
  nginx: Place[];
  unit?: { path: string; after: number; folder: string };
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'error',
  summary: 'gunicorn binds a socket in /tmp under PrivateTmp=yes while nginx connects to that path: nginx sees another /tmp.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const supervisor = invocation.supervisor;
      if (supervisor?.kind !== 'systemd' || !supervisor.privateTmp) continue;
      for (const bind of invocation.binds) {
        if (bind.via !== 'gunicorn' || bind.endpoint.kind !== 'unix' || !inPrivateTmp(bind.endpoint.socketPath)) continue;
        const reaching = model.proxies.flatMap((p) => p.endpoints).filter((e) => serves(bind.endpoint, e.value) === true);
        if (reaching.length === 0) continue;
        const socketPath = bind.endpoint.socketPath!;
        const folder = supervisor.runtimeDirectories?.[0]?.value.split('/')[0] ?? unitStem(supervisor.name, supervisor.path);
        const hasFolder = (supervisor.runtimeDirectories ?? []).some((d) => d.value.split('/')[0] === folder);
        const data: FixData | undefined = folder
          ? {
              socketPath,
              movedTo: `/run/${folder}/${path.posix.basename(socketPath)}`,
              bind: bind.place,
              nginx: reaching.map((e) => e.place),
              unit: hasFolder ? undefined : { path: supervisor.path, after: supervisor.command.range.start, folder },
            }
          : undefined;
        findings.push({
          rule: RULE_ID,
          path: bind.place.path,
          range: bind.place.range,
          message: `gunicorn creates ${socketPath} inside the service's private /tmp (PrivateTmp=yes), where nginx cannot see it: nginx finds no socket and answers 502. Put the socket under /run/${folder ?? 'NAME'}/ instead.`,
          related: [
            ...related(supervisor.privateTmp, 'PrivateTmp= gives the service its own /tmp'),
            ...reaching.flatMap((e) => related(e.place, 'nginx connects here')),
          ],
          ...(data ? { data } : {}),
        });
      }
    }
    return unique(findings);
  },
  fixes(finding, { project }) {
    const data = dataOf<FixData>(finding);
    if (typeof data.socketPath !== 'string' || typeof data.movedTo !== 'string' || !data.bind || !Array.isArray(data.nginx)) return [];
    const edits: FileEdit[] = [];
    const bindText = project.readFile(data.bind.path);
    const at = bindText?.slice(data.bind.range.start, data.bind.range.end).indexOf(data.socketPath) ?? -1;
    if (at < 0) return [];
    const start = data.bind.range.start + at;
    edits.push({ path: data.bind.path, range: { start, end: start + data.socketPath.length }, newText: data.movedTo });
    for (const place of data.nginx) {
      const text = project.readFile(place.path);
      const range = text === undefined ? undefined : addressRange(text, place.range);
      if (!range) return [];
      edits.push({ path: place.path, range, newText: `unix:${data.movedTo}` });
    }
    if (data.unit) {
      const text = project.readFile(data.unit.path);
      const edit =
        text === undefined
          ? undefined
          : addServiceLine(unitDocument(text, data.unit.path), data.unit.path, `RuntimeDirectory=${data.unit.folder}`, data.unit.after);
      if (!edit) return [];
      edits.push(edit);
    }
    return [{ title: `Move the socket to ${data.movedTo}`, safe: false, preferred: true, edits }];
  },
};
