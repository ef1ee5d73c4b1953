/** systemd/socket-unit-missing: `Requires=`/`Sockets=` names a socket unit the workspace does not have. */
import type { Project } from '../../../core/format';
import type { Rule } from '../../../core/rule';
import { workspaceFilesNamed } from '../../../core/workspaceNames';
import type { Finding } from '../../../core/findings';
import type { SystemdCheckContext } from '../context';
import { templateOf } from '../unitPath';
import { valueSubrange } from '../parser';

/** Expands the name specifiers that do not depend on the host (%n %N %p %i %%), or undefined if others remain. */
export function expandUnitSpecifiers(word: string, unitName: string | undefined): string | undefined {
  if (!word.includes('%')) return word;
  if (!unitName) return undefined;
  const suffix = unitName.slice(unitName.lastIndexOf('.'));
  const full = unitName.slice(0, -suffix.length);
  const at = full.indexOf('@');
  const prefix = at >= 0 ? full.slice(0, at) : full;
  const instance = at >= 0 ? full.slice(at + 1) : '';
  let unknown = false;
  const out = word.replace(/%(.)/g, (all, c: string) => {
    switch (c) {
      case 'n':
        return unitName;
      case 'N':
        return full;
      case 'p':
        return prefix;
      case '%':
        return '%';
      case 'i':
      case 'I':
        if (instance) return instance;
        unknown = true;
        return all;
      default:
        unknown = true;
        return all;
    }
  });
  return unknown ? undefined : out;
}

/** Sockets every systemd host ships; never expected in a project. */
const SYSTEM_SOCKETS = /^(systemd-.*|dbus|syslog|sshd?|cups|avahi-daemon|docker|podman|snapd)\.socket$/;

/**
 * The workspace's unit file of a name, or of its template (`app@1.socket` -> `app@.socket`); the last in walk order
 * when several share the name.
 */
export function findUnitFile(project: Project, name: string): string | undefined {
  const files = workspaceFilesNamed(project, name);
  if (files.length > 0) return files[files.length - 1];
  const template = templateOf(name);
  const templates = template ? workspaceFilesNamed(project, template) : [];
  return templates[templates.length - 1];
}

export const socketUnitMissing: Rule<SystemdCheckContext> = {
  id: 'systemd/socket-unit-missing',
  severity: 'error',
  summary: '`Requires=`/`Sockets=` names a socket unit the workspace does not have.',
  check(context) {
    const project = context.project;
    if (!project || project.workspaceFiles().length === 0) return [];
    const findings: Finding[] = [];
    for (const entry of context.document.entries) {
      const relevant = (entry.section === 'Unit' && entry.key === 'Requires') || (entry.section === 'Service' && entry.key === 'Sockets');
      if (!relevant) continue;
      const re = /[^ \t]+/g;
      let match: RegExpExecArray | null;
      while ((match = re.exec(entry.value))) {
        const name = expandUnitSpecifiers(match[0], context.document.unitName);
        if (!name || !name.endsWith('.socket') || SYSTEM_SOCKETS.test(name) || findUnitFile(project, name)) continue;
        findings.push({
          rule: 'systemd/socket-unit-missing',
          range: valueSubrange(entry, match.index, match.index + match[0].length),
          message: `${entry.key}= names ${name}, but the workspace has no such socket unit: systemd refuses to start this service.`,
        });
      }
    }
    return findings;
  },
};
