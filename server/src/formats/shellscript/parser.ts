/**
 * Finds the gunicorn command lines of a shell script, line by line: a backslash-newline joins lines (both characters
 * become blanks, so offsets stay the file's), comments and other commands are skipped, and leading keywords
 * (`then exec gunicorn ...`) and exec wrappers (`exec gosu app gunicorn ...`) are blanked so the simple command
 * starts at the program. Heredocs, functions and variables are not followed: a line is read as it is written.
 * Never throws; bounded in lines and sites.
 */
import { gunicornInShellLine } from '../../commandline/shellScript';
import type { CommandSite } from '../../commandline/site';
import type { ShellScriptDocument } from './document';

const MAX_LINES = 5_000;
const MAX_SITES = 50;
const KEYWORDS = new Set(['then', 'else', 'do', '{', '(', '!', 'if', 'while', 'until', 'elif']);
/** Wrappers that exec the command after them (`exec gosu app gunicorn ...`); their words are blanked. */
const WRAPPERS = /(^|[\s;&|])((?:gosu|su-exec)[ \t]+[^\s;&|]+|ddtrace-run|newrelic-admin[ \t]+run-program|opentelemetry-instrument)(?=[ \t])/g;

export function parseShellScript(text: string, path: string): ShellScriptDocument {
  const document: ShellScriptDocument = { path, sites: [] };
  try {
    const joined = text.replace(/\\\r?\n/g, (continuation) => ' '.repeat(continuation.length));
    let start = 0;
    for (let n = 0; n < MAX_LINES && start <= joined.length && document.sites.length < MAX_SITES; n++) {
      const newline = joined.indexOf('\n', start);
      const end = newline < 0 ? joined.length : newline;
      const words = gunicornOnLine(joined.slice(start, end), start);
      if (words) document.sites.push({ path, host: 'script', kind: 'command', words } satisfies CommandSite);
      if (newline < 0) break;
      start = newline + 1;
    }
  } catch {
    // A script we cannot read says nothing.
  }
  return document;
}

/** The words of the line's gunicorn command, when it runs one. */
function gunicornOnLine(line: string, offset: number): CommandSite['words'] | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || !trimmed.includes('gunicorn')) return undefined;
  return gunicornInShellLine(withoutKeywords(line), offset);
}

/** Blanks leading shell keywords and exec wrappers, keeping every other character where it is. */
function withoutKeywords(line: string): string {
  let out = line.replace(WRAPPERS, (_whole, before: string, wrapper: string) => before + ' '.repeat(wrapper.length));
  for (let guard = 0; guard < 16; guard++) {
    const match = /^(\s*)(\S+)(\s|$)/.exec(out);
    if (!match || !KEYWORDS.has(match[2])) return out;
    out = match[1] + ' '.repeat(match[2].length) + out.slice(match[1].length + match[2].length);
  }
  return out;
}

/** Whether a script's first bytes start gunicorn somewhere: what claims a `.sh` file for this format. */
export function startsGunicorn(head: string): boolean {
  return head.includes('gunicorn') && parseShellScript(head, '').sites.length > 0;
}
