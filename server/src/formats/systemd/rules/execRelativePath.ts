/** systemd/exec-relative-path: gunicorn started by bare name instead of the virtual environment's absolute path. */
import type { Rule } from '../../../core/rule';
import type { SystemdCheckContext } from '../context';
import { localGunicorn } from './helpers';

export const execRelativePath: Rule<SystemdCheckContext> = {
  id: 'systemd/exec-relative-path',
  severity: 'warning',
  summary: "`ExecStart=gunicorn …` without an absolute path to the virtual environment's gunicorn.",
  check(context) {
    const gunicorn = localGunicorn(context);
    if (!gunicorn) return [];
    const program = gunicorn.program.text;
    if (program.startsWith('/') || program.startsWith('%') || program.startsWith('$')) return [];
    return [
      {
        rule: 'systemd/exec-relative-path',
        range: gunicorn.program.range,
        message: `'${program}' is looked up in systemd's own search path (/usr/local/bin, /usr/bin...), not your shell's PATH or a virtual environment: give the absolute path, e.g. /srv/app/.venv/bin/gunicorn.`,
      },
    ];
  },
};
