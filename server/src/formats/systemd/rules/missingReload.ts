/**
 * systemd/missing-reload: a gunicorn service without `ExecReload=`, while something in the workspace reloads it
 * (`systemctl reload NAME` in a deploy script, a Makefile, CI, a logrotate rule; `service NAME reload`; an Ansible
 * task with `state: reloaded`). Without ExecReload= that command fails. Without anything that reloads the unit the
 * missing line is harmless, so the check stays quiet (see docs/checks/systemd/missing-reload.md).
 */
import type { Project } from '../../../core/format';
import type { RelatedPlace } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { SystemdCheckContext } from '../context';
import { insertLineAfter, localGunicorn } from './helpers';

export const RELOAD_LINE = 'ExecReload=/bin/kill -s HUP $MAINPID';

/** Files that run deployment commands: shell scripts, make/just files, YAML (CI, Ansible), fabric, logrotate. */
const SCRIPT_FILE =
  /(\.(sh|bash|ya?ml|j2|mk)$|(^|\/)(Makefile|makefile|GNUmakefile|justfile|Justfile|fabfile\.py|tasks\.py|deploy(\.\w+)?)$|(^|\/)logrotate(\.d)?\/)/;
const MAX_FILES = 400;

interface ReloadSite {
  path: string;
  start: number;
  end: number;
  /** The unit word as written (`myapp`, `myapp.service`). */
  unit: string;
}

const cache = new WeakMap<readonly string[], ReloadSite[]>();

function unitWords(list: string): string[] {
  return list.split(/\s+/).filter((w) => w !== '' && !w.startsWith('-'));
}

/** Every place in the workspace's scripts that asks systemd (or `service`) to reload a unit. */
export function reloadSites(project: Project): ReloadSite[] {
  const files = project.workspaceFiles();
  const known = cache.get(files);
  if (known) return known;
  const sites: ReloadSite[] = [];
  let read = 0;
  for (const file of files) {
    const posix = file.split('\\').join('/');
    if (!SCRIPT_FILE.test(posix)) continue;
    if (++read > MAX_FILES) break;
    const text = project.readFile(file);
    if (!text || !/reload/.test(text)) continue;
    // systemctl [options] reload UNIT... (not reload-or-restart: that falls back to a restart)
    for (const m of text.matchAll(/\bsystemctl((?:\s+--?[\w-]+(?:=\S+)?)*)\s+reload((?:[ \t]+[\w@.:-]+)+)/g)) {
      for (const unit of unitWords(m[2])) sites.push({ path: file, start: m.index, end: m.index + m[0].length, unit });
    }
    for (const m of text.matchAll(/\bservice\s+([\w@.:-]+)\s+reload\b/g)) sites.push({ path: file, start: m.index, end: m.index + m[0].length, unit: m[1] });
    // Ansible: `name: UNIT` and `state: reloaded` in one task (a few lines apart).
    if (/\.(ya?ml|j2)$/.test(posix)) {
      for (const m of text.matchAll(/state\s*[:=]\s*["']?reloaded\b/g)) {
        let windowStart = m.index;
        for (let i = 0; i < 6 && windowStart > 0; i++) windowStart = text.lastIndexOf('\n', windowStart - 1);
        let windowEnd = m.index;
        for (let i = 0; i < 6 && windowEnd >= 0 && windowEnd < text.length; i++) windowEnd = text.indexOf('\n', windowEnd + 1);
        const window = text.slice(Math.max(0, windowStart), windowEnd < 0 ? text.length : windowEnd);
        for (const n of window.matchAll(/\bname\s*[:=]\s*["']?([\w@.:-]+)/g))
          sites.push({ path: file, start: m.index, end: m.index + m[0].length, unit: n[1] });
      }
    }
  }
  cache.set(files, sites);
  return sites;
}

/** Whether a unit word names this unit (`myapp`, `myapp.service`; `myapp@1` for the template `myapp@.service`). */
function namesUnit(word: string, unitName: string): boolean {
  const [base, suffix] = [unitName.replace(/\.service$/, ''), '.service'];
  if (word === base || word === base + suffix) return true;
  if (base.endsWith('@')) return word.startsWith(base) && (word.endsWith(suffix) || !word.includes('.'));
  return false;
}

export const missingReload: Rule<SystemdCheckContext> = {
  id: 'systemd/missing-reload',
  severity: 'warning',
  summary: 'A gunicorn service without `ExecReload`, while a script of the workspace reloads it.',
  check(context) {
    const gunicorn = localGunicorn(context);
    const unitName = context.document.unitName;
    if (!gunicorn || !unitName || context.facts.execReload.length > 0) return [];
    const sites = reloadSites(context.project).filter((s) => namesUnit(s.unit, unitName));
    if (sites.length === 0) return [];
    const related: RelatedPlace[] = sites.slice(0, 5).map((s) => ({ path: s.path, range: { start: s.start, end: s.end }, message: `reloads ${s.unit}` }));
    return [
      {
        rule: 'systemd/missing-reload',
        range: gunicorn.entry.keyRange,
        message: `No ExecReload=, but ${sites.length === 1 ? 'a script reloads' : `${sites.length} places reload`} this unit: \`systemctl reload\` fails with "Job type reload is not applicable". Gunicorn reloads its config and code gracefully on SIGHUP: add ${RELOAD_LINE}.`,
        related,
      },
    ];
  },
  fixes(finding, context) {
    const gunicorn = localGunicorn(context);
    if (!gunicorn) return [];
    return [insertLineAfter(gunicorn.entry, RELOAD_LINE, `Add ${RELOAD_LINE}`, true)];
  },
};
