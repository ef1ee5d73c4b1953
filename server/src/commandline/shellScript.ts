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
