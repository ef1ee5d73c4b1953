/**
 * Command lines written in YAML (compose `command:`/`entrypoint:`, Kubernetes `command:`/`args:`): a string is
 * split into words as compose splits it (shell words, no shell runs them), a list is one word per item. Words keep
 * their file offsets when every character of the scalars sits one to one in the text (plain and quoted scalars
 * without escapes); otherwise they get the whole scalar's range and the command is `exact: false` — good for
 * facts, never for a check or a fix that points at characters.
 */
import type { ScalarContent } from '../core/yaml';
import { gunicornCommandWords, gunicornInShellLine } from './shellScript';
import { baseName, splitShellWords, type CommandWord } from './words';

export interface YamlCommand {
  form: 'string' | 'list';
  words: CommandWord[];
  /** Every word's range is the exact place of its characters. */
  exact: boolean;
}

/** A string value, split into shell words. */
export function yamlStringCommand(content: ScalarContent): YamlCommand {
  if (content.contentStart !== undefined) return { form: 'string', words: splitShellWords(content.value, content.contentStart), exact: true };
  return { form: 'string', words: splitShellWords(content.value).map((word) => ({ ...word, range: content.range })), exact: false };
}

/** A list value: each item one word. */
export function yamlListCommand(items: readonly ScalarContent[]): YamlCommand {
  const exact = items.every((item) => item.contentStart !== undefined);
  const words = items.map((item): CommandWord => {
    const start = item.contentStart;
    return start !== undefined
      ? { text: item.value, range: { start, end: start + item.value.length }, quoted: item.quoted }
      : { text: item.value, range: item.range, quoted: item.quoted };
  });
  return { form: 'list', words, exact };
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);

export interface GunicornWords {
  words: readonly CommandWord[];
  /** gunicorn runs inside a `sh -c` script. */
  viaShell: boolean;
  /** The script runs gunicorn with `exec` (the shell is replaced by gunicorn). */
  exec: boolean;
}

/**
 * The words from which gunicorn runs: directly, or inside a `sh -c SCRIPT` where SCRIPT is one word (a list item,
 * or a quoted word of a string). Undefined when the command does not run gunicorn.
 */
export function gunicornInYamlCommand(command: YamlCommand): GunicornWords | undefined {
  const words = command.words;
  if (words.length === 0) return undefined;
  if (SHELLS.has(baseName(words[0].text))) {
    const script = shellScriptWord(words);
    if (!script) return undefined;
    const mapped = command.exact && scriptStart(script);
    const found =
      mapped !== false && mapped !== undefined
        ? gunicornInShellLine(script.text, mapped)
        : gunicornInShellLine(script.text, 0)?.map((word) => ({ ...word, range: script.range }));
    if (!found) return undefined;
    return { words: found, viaShell: true, exec: found[0]?.text === 'exec' };
  }
  const direct = gunicornCommandWords(words);
  return direct ? { words: direct, viaShell: false, exec: false } : undefined;
}

/** The script of `sh [-opts] -c SCRIPT`. */
function shellScriptWord(words: readonly CommandWord[]): CommandWord | undefined {
  for (let i = 1; i < words.length - 1; i++) {
    const option = words[i].text;
    if (!/^[-+][a-zA-Z]+$/.test(option)) return undefined;
    if (option.startsWith('-') && option.includes('c')) return words[i + 1];
  }
  return undefined;
}

/** Where the script's characters start: a list item is its text; a quoted word of a string has one pair of quotes. */
function scriptStart(script: CommandWord): number | undefined {
  const length = script.range.end - script.range.start;
  if (length === script.text.length) return script.range.start;
  if (length === script.text.length + 2) return script.range.start + 1;
  return undefined;
}
