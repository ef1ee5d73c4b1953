/**
 * Entrypoint scripts a Dockerfile runs (`docker-entrypoint.sh`, `entrypoint.sh`, `start.sh`): not a format of
 * their own (we never claim every `.sh`), read on request when an image's ENTRYPOINT or CMD names one that a COPY
 * brings from the workspace. What matters is how the script ends: `exec gunicorn ...` (gunicorn replaces the script
 * and is PID 1), `gunicorn ...` without exec (the script stays PID 1 and must pass signals on), or `exec "$@"` (the
 * CMD runs as given). Never throws; offsets are the script's own.
 */
import { gunicornInShellLine } from '../../commandline/shellScript';
import type { CommandWord } from '../../commandline/words';
import { splitShellWords } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';
import { joinContinuations } from './command';

export interface EntrypointScript {
  /** The script's gunicorn command (from the program or `exec` on), and whether it is exec'd. */
  gunicorn?: { words: readonly CommandWord[]; exec: boolean; line: OffsetRange };
  /** `exec "$@"` (or `exec gosu user "$@"`): the command given to the script replaces it. */
  execArgs?: OffsetRange;
  /** `"$@"` run without exec: the script stays in front of the command given. */
  runsArgs?: OffsetRange;
}

const MAX_LINES = 5_000;
const KEYWORDS = new Set(['then', 'else', 'do', '{', '(', '!']);

export function readEntrypointScript(text: string): EntrypointScript {
  const script: EntrypointScript = {};
  try {
    const { line: joined } = joinContinuations(text);
    let start = 0;
    for (let n = 0; n < MAX_LINES && start <= joined.length; n++) {
      const newline = joined.indexOf('\n', start);
      const end = newline < 0 ? joined.length : newline;
      readLine(script, joined.slice(start, end), start);
      if (newline < 0) break;
      start = newline + 1;
    }
  } catch {
    // A script we cannot read says nothing.
  }
  return script;
}

function readLine(script: EntrypointScript, line: string, offset: number): void {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return;
  const range = { start: offset + line.length - line.trimStart().length, end: offset + line.trimEnd().length };
  if (!script.gunicorn) {
    const words = gunicornInShellLine(withoutKeywords(line), offset);
    if (words) {
      script.gunicorn = { words, exec: words[0]?.text === 'exec', line: range };
      return;
    }
  }
  const words = splitShellWords(withoutKeywords(line), offset).filter((word) => !(word.text === ';' && !word.quoted));
  const at = words.findIndex((word) => word.text === '$@' || word.text === '$*');
  if (at < 0 || script.execArgs) return;
  if (words[0]?.text === 'exec') script.execArgs = range;
  else if (!script.runsArgs && !/^(echo|printf|set|shift|log|:)$/.test(words[0]?.text ?? '')) script.runsArgs = range;
}

/** Wrappers that exec the command after them (`exec gosu app gunicorn ...`), blanked like keywords. */
const WRAPPERS = /(^|[\s;&|])((?:gosu|su-exec)[ \t]+[^\s;&|]+|ddtrace-run|newrelic-admin[ \t]+run-program)(?=[ \t])/g;

/** Blanks leading shell keywords (`then exec gunicorn`) and exec wrappers so the simple command starts at the program. */
function withoutKeywords(line: string): string {
  let out = line.replace(WRAPPERS, (_whole, before: string, wrapper: string) => before + ' '.repeat(wrapper.length));
  for (;;) {
    const match = /^(\s*)(\S+)(\s|$)/.exec(out);
    if (!match || !KEYWORDS.has(match[2])) return out;
    out = match[1] + ' '.repeat(match[2].length) + out.slice(match[1].length + match[2].length);
  }
}
