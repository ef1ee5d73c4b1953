/**
 * Finds the gunicorn command lines of a shell script, line by line: a backslash-newline joins lines (both characters
 * become blanks, so offsets stay the file's), comments and other commands are skipped, and leading keywords
 * (`then exec gunicorn ...`) and exec wrappers (`exec gosu app gunicorn ...`) are blanked so the simple command
 * starts at the program. Heredocs, functions and variables are not followed: a line is read as it is written.
 * Never throws; bounded in lines and sites.
 */
import { forEachShellLine, gunicornInShellLine, withoutLeadingKeywords } from '../../commandline/shellScript';
import type { CommandSite } from '../../commandline/site';
import type { ShellScriptDocument } from './document';

const MAX_SITES = 50;

export function parseShellScript(text: string, path: string): ShellScriptDocument {
  const document: ShellScriptDocument = { path, sites: [] };
  try {
    forEachShellLine(text, (line, offset) => {
      const words = gunicornOnLine(line, offset);
      if (words) document.sites.push({ path, host: 'script', kind: 'command', words } satisfies CommandSite);
      return document.sites.length >= MAX_SITES;
    });
  } catch {
    // A script we cannot read says nothing.
  }
  return document;
}

/** The words of the line's gunicorn command, when it runs one. */
function gunicornOnLine(line: string, offset: number): CommandSite['words'] | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || !trimmed.includes('gunicorn')) return undefined;
  return gunicornInShellLine(withoutLeadingKeywords(line), offset);
}

/** Whether a script's first bytes start gunicorn somewhere: what claims a `.sh` file for this format. */
export function startsGunicorn(head: string): boolean {
  return head.includes('gunicorn') && parseShellScript(head, '').sites.length > 0;
}
