/**
 * Where gunicorn starts inside a command or a shell command line: directly (`/srv/app/.venv/bin/gunicorn`,
 * `python -m gunicorn`, `poetry run gunicorn`), inside a `sh -c` script (`/bin/sh -c 'cd /srv/app && exec gunicorn
 * app:app'`), or as one simple command of a shell line (a Procfile's `web: cd src && gunicorn app:app`). The words
 * keep their file offsets so that findings, hovers and links land inside the quotes.
 */
import { findGunicornStart } from './invocation';
import { baseName, splitShellWords, type CommandWord } from './words';

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);
const SEPARATORS = new Set(['&&', '||', ';', '|', '&']);

/** From the program word on, the words whose command runs gunicorn; undefined when none does. */
export function gunicornCommandWords(words: readonly CommandWord[]): readonly CommandWord[] | undefined {
  if (words.length === 0) return undefined;
  if (findGunicornStart(words) !== undefined) return words;
  const script = shellScript(words);
  if (!script) return undefined;
  return gunicornInShellLine(script.text, script.range.start + 1);
}

/** The simple command of a shell command line that runs gunicorn (its words offset by `baseOffset`). */
export function gunicornInShellLine(line: string, baseOffset: number): readonly CommandWord[] | undefined {
  for (const command of shellCommands(splitShellWords(line, baseOffset))) {
    const found = gunicornCommandWords(command);
    if (found) return found;
  }
  return undefined;
}

/** The `-c` script word of a shell invocation, when its text maps one to one onto the file (one pair of quotes). */
function shellScript(words: readonly CommandWord[]): CommandWord | undefined {
  if (!SHELLS.has(baseName(words[0].text))) return undefined;
  for (let i = 1; i < words.length - 1; i++) {
    const option = words[i].text;
    if (option === '-o' || option === '+o') {
      i++;
      continue;
    }
    if (!/^[-+][a-zA-Z]+$/.test(option)) return undefined;
    if (!option.startsWith('-') || !option.includes('c')) continue;
    const script = words[i + 1];
    // Escapes or line continuations would shift offsets: stay quiet rather than point at the wrong characters.
    return script.range.end - script.range.start === script.text.length + 2 ? script : undefined;
  }
  return undefined;
}

/** A command line's simple commands, split at `&&`, `||`, `;`, `|` and `&`. */
function shellCommands(words: readonly CommandWord[]): CommandWord[][] {
  const commands: CommandWord[][] = [[]];
  for (const word of words) {
    if (!word.quoted && SEPARATORS.has(word.text)) {
      commands.push([]);
      continue;
    }
    if (!word.quoted && word.text.length > 1 && word.text.endsWith(';')) {
      commands[commands.length - 1].push({ ...word, text: word.text.slice(0, -1), range: { start: word.range.start, end: word.range.end - 1 } });
      commands.push([]);
      continue;
    }
    commands[commands.length - 1].push(word);
  }
  return commands.filter((command) => command.length > 0);
}

const MAX_SCRIPT_LINES = 5_000;
/** Shell keywords that may stand before a simple command on its line (`then exec gunicorn ...`). */
const LEADING_KEYWORDS = new Set(['then', 'else', 'do', '{', '(', '!', 'if', 'while', 'until', 'elif']);
/** Wrappers that exec the command after them (`exec gosu app gunicorn ...`), blanked like keywords. */
const EXEC_WRAPPERS = /(^|[\s;&|])((?:gosu|su-exec)[ \t]+[^\s;&|]+|ddtrace-run|newrelic-admin[ \t]+run-program|opentelemetry-instrument)(?=[ \t])/g;

/**
 * Calls `visit` with each line of a shell script and its offset, backslash-newlines blanked (both characters become
 * blanks, so offsets stay the file's); bounded in lines, and `visit` returning true stops the walk.
 */
export function forEachShellLine(text: string, visit: (line: string, offset: number) => boolean | void): void {
  const joined = text.replace(/\\\r?\n/g, (continuation) => ' '.repeat(continuation.length));
  let start = 0;
  for (let n = 0; n < MAX_SCRIPT_LINES && start <= joined.length; n++) {
    const newline = joined.indexOf('\n', start);
    const end = newline < 0 ? joined.length : newline;
    if (visit(joined.slice(start, end), start) === true || newline < 0) return;
    start = newline + 1;
  }
}

/** Blanks leading shell keywords and exec wrappers so the simple command starts at the program; other characters stay put. */
export function withoutLeadingKeywords(line: string): string {
  let out = line.replace(EXEC_WRAPPERS, (_whole, before: string, wrapper: string) => before + ' '.repeat(wrapper.length));
  for (let guard = 0; guard < 16; guard++) {
    const match = /^(\s*)(\S+)(\s|$)/.exec(out);
    if (!match || !LEADING_KEYWORDS.has(match[2])) return out;
    out = match[1] + ' '.repeat(match[2].length) + out.slice(match[1].length + match[2].length);
  }
  return out;
}
