/**
 * Entrypoint scripts a Dockerfile runs (`docker-entrypoint.sh`, `entrypoint.sh`, `start.sh`): not a format of
 * their own (we never claim every `.sh`), read on request when an image's ENTRYPOINT or CMD names one that a COPY
 * brings from the workspace. What matters is how the script ends: `exec gunicorn ...` (gunicorn replaces the script
 * and is PID 1), `gunicorn ...` without exec (the script stays PID 1 and must pass signals on), or `exec "$@"` (the
 * CMD runs as given). Never throws; offsets are the script's own.
 */
import { forEachShellLine, gunicornInShellLine, withoutLeadingKeywords } from '../../commandline/shellScript';
import type { CommandWord } from '../../commandline/words';
import { splitShellWords } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';

export interface EntrypointScript {
  /** The script's gunicorn command (from the program or `exec` on), and whether it is exec'd. */
  gunicorn?: { words: readonly CommandWord[]; exec: boolean; line: OffsetRange };
  /** `exec "$@"` (or `exec gosu user "$@"`): the command given to the script replaces it. */
  execArgs?: OffsetRange;
  /** `"$@"` run without exec: the script stays in front of the command given. */
  runsArgs?: OffsetRange;
}

export function readEntrypointScript(text: string): EntrypointScript {
  const script: EntrypointScript = {};
  try {
    forEachShellLine(text, (line, offset) => {
      readLine(script, line, offset);
    });
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
    const words = gunicornInShellLine(withoutLeadingKeywords(line), offset);
    if (words) {
      script.gunicorn = { words, exec: words[0]?.text === 'exec', line: range };
      return;
    }
  }
  const words = splitShellWords(withoutLeadingKeywords(line), offset).filter((word) => !(word.text === ';' && !word.quoted));
  const at = words.findIndex((word) => word.text === '$@' || word.text === '$*');
  if (at < 0 || script.execArgs) return;
  if (words[0]?.text === 'exec') script.execArgs = range;
  else if (!script.runsArgs && !/^(echo|printf|set|shift|log|:)$/.test(words[0]?.text ?? '')) script.runsArgs = range;
}
