/** systemd/socket-unit-missing: `Requires=`/`Sockets=` names a socket unit the workspace does not have. */
import * as path from 'node:path';
import type { Rule } from '../../../core/rule';
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

/** Workspace unit files by base name. */
export function unitFilesByName(context: SystemdCheckContext): Map<string, string> {
  const byName = new Map<string, string>();
  const files = context.project?.workspaceFiles() ?? [];
  for (const file of files) byName.set(path.basename(file), file);
  return byName;
}

export function findUnitFile(name: string, byName: Map<string, string>): string | undefined {
  return byName.get(name) ?? (templateOf(name) ? byName.get(templateOf(name) as string) : undefined);
}

export const socketUnitMissing: Rule<SystemdCheckContext> = {
  id: 'systemd/socket-unit-missing',
  severity: 'error',
  summary: '`Requires=`/`Sockets=` names a socket unit the workspace does not have.',
  check(context) {
    const byName = unitFilesByName(context);
    if (byName.size === 0) return [];
    const findings: Finding[] = [];
    for (const entry of context.document.entries) {
      const relevant = (entry.section === 'Unit' && entry.key === 'Requires') || (entry.section === 'Service' && entry.key === 'Sockets');
      if (!relevant) continue;
      const re = /[^ \t]+/g;
      let match: RegExpExecArray | null;
      while ((match = re.exec(entry.value))) {
        const name = expandUnitSpecifiers(match[0], context.document.unitName);
        if (!name || !name.endsWith('.socket') || SYSTEM_SOCKETS.test(name) || findUnitFile(name, byName)) continue;
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
