/** A shell script as gunicorn-lint reads it: only the command lines that start gunicorn, nothing else of the shell. */
import type { CommandSite } from '../../commandline/site';

export interface ShellScriptDocument {
  path: string;
  /** Every simple command that runs gunicorn (`exec gunicorn "$@"`, `gunicorn -c conf.py app:app`), in order. */
  sites: CommandSite[];
}
