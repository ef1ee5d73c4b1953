/**
 * systemd/notify-type: a gunicorn service whose unit says `Type=simple` or `Type=exec` although gunicorn (20.0 and
 * later) tells systemd when it is ready. Deliberately narrow (see docs/checks/systemd/notify-type.md): it stays
 * quiet when Type= is not written, when gunicorn runs behind a wrapper (its message would come from a child
 * process, which systemd ignores unless NotifyAccess=all, and the start would time out), and when the gunicorn
 * version is not known from the workspace or is older than 20.
 */
import type { Rule } from '../../../core/rule';
import type { Fix } from '../../../core/findings';
import { gunicornVersionFor } from '../../requirements';
import type { SystemdCheckContext } from '../context';
import { localGunicorn } from './helpers';

/** The first gunicorn release whose master sends READY=1 to systemd. */
const NOTIFY_SINCE = 20;

/** gunicorn is the process systemd starts (the binary, or `python -m gunicorn`), not a child of a wrapper. */
function gunicornIsMainProcess(context: SystemdCheckContext): boolean {
  const gunicorn = localGunicorn(context)!;
  const program = gunicorn.program.text;
  const base = program.slice(program.lastIndexOf('/') + 1);
  if (base === 'gunicorn') return true;
  if (!/^python(\d+(\.\d+)?)?$/.test(base)) return false;
  const args = gunicorn.command.args;
  return args.length >= 2 && args[0].text === '-m' && args[1].text === 'gunicorn';
}

function knownToNotify(context: SystemdCheckContext): boolean {
  try {
    const { version, source } = gunicornVersionFor(context.project, context.document.path);
    if (source === 'newest') return false;
    const major = Number(/^(\d+)/.exec(version)?.[1]);
    return Number.isFinite(major) && major >= NOTIFY_SINCE;
  } catch {
    return false;
  }
}

export const notifyType: Rule<SystemdCheckContext> = {
  id: 'systemd/notify-type',
  severity: 'info',
  summary: 'A gunicorn (20 or later) service set to `Type=simple` or `exec`: systemd cannot tell when gunicorn is ready.',
  check(context) {
    const gunicorn = localGunicorn(context);
    if (!gunicorn) return [];
    const type = context.facts.type;
    if (!type || type.path !== context.document.path) return [];
    if (type.value !== 'simple' && type.value !== 'exec') return [];
    if (!gunicornIsMainProcess(context) || !knownToNotify(context)) return [];
    return [
      {
        rule: 'systemd/notify-type',
        range: type.entry.valueRange,
        message: `Type=${type.value}: systemd counts gunicorn as started as soon as the process exists, before the app is imported and the socket is bound. Gunicorn tells systemd when it is ready, so Type=notify makes starts and restarts wait for it and report an app that fails to boot.`,
        data: { hasType: true },
      },
    ];
  },
  fixes(finding, context) {
    if (!localGunicorn(context)) return [];
    const fix: Fix = { title: 'Set Type=notify', safe: false, preferred: true, edits: [{ range: finding.range, newText: 'notify' }] };
    return [fix];
  },
};
