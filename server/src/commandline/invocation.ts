/**
 * Gunicorn command lines as argparse reads them: where the arguments start after the executable (and wrappers
 * such as `poetry run` or `python -m gunicorn`), which options they set, the app target and the config path.
 * Every host's command line (systemd ExecStart=, Procfile, Dockerfile CMD, ...) and GUNICORN_CMD_ARGS is read here;
 * what is wrong with one is judged by the rules in rules/.
 */
import type { OffsetRange } from '../core/text';
import { nearest } from '../core/nearest';
import { GUNICORN_SETTINGS, settingForFlag } from '../knowledge/gunicorn/index';
import type { GunicornSetting } from '../knowledge/gunicorn/types';
import { baseName, splitShellWords, subWord, type CommandWord } from './words';

export type { CommandWord } from './words';

export interface GunicornOption {
  /** The flag as argparse resolved it (`--workers` for `--work`). */
  flag: string;
  /** The flag as written, without an inline value. */
  written: string;
  flagRange: OffsetRange;
  setting?: GunicornSetting;
  value?: CommandWord;
  /** The value was in the same word (`--workers=4`, `-w4`). */
  inline: boolean;
  /** The flag needs a value and none followed. */
  missingValue?: boolean;
}

export interface UnknownOption {
  word: CommandWord;
  /** The flag part of the word (without `=value`). */
  flagRange: OffsetRange;
  flag: string;
  suggestion?: string;
  /** A prefix that fits several flags (argparse: "ambiguous option"). */
  ambiguous?: string[];
}

export interface GunicornInvocation {
  options: GunicornOption[];
  appTarget?: CommandWord;
  configPath?: CommandWord;
  unknown: UnknownOption[];
  /** Positional words after the app target (gunicorn ignores them). */
  extraPositionals: CommandWord[];
}

/** Flags argparse adds that are not settings. */
const EXTRA_FLAGS: { flags: string[]; takesValue: boolean }[] = [
  { flags: ['-h', '--help'], takesValue: false },
  { flags: ['-v', '--version'], takesValue: false },
];

const WRAPPERS: Record<string, string[]> = { poetry: ['run'], uv: ['run'], pipenv: ['run'], pdm: ['run'], hatch: ['run'], rye: ['run'] };

/** The index of the first argument after the gunicorn executable, or undefined when the words do not run gunicorn. */
export function findGunicornStart(words: readonly CommandWord[]): number | undefined {
  let i = 0;
  const limit = Math.min(words.length, 64);
  while (i < limit) {
    const word = words[i].text;
    const name = baseName(word);
    if (name === 'gunicorn') return i + 1;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || name === 'exec' || name === 'nice' || name === 'ionice') {
      i++;
      continue;
    }
    if (name === 'env') {
      i++;
      while (i < limit && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text) || words[i].text.startsWith('-'))) i++;
      continue;
    }
    if (WRAPPERS[name] && words[i + 1] && WRAPPERS[name].includes(words[i + 1].text)) {
      i += 2;
      while (i < limit && words[i].text.startsWith('-')) i++; // `uv run --no-sync gunicorn`
      continue;
    }
    if (/^python(\d+(\.\d+)?)?$/.test(name)) {
      for (let j = i + 1; j < limit; j++) {
        const arg = words[j].text;
        if (arg === '-m') return words[j + 1]?.text === 'gunicorn' ? j + 2 : undefined;
        if (arg === '-mgunicorn') return j + 1;
        if (!arg.startsWith('-')) return undefined; // python script.py
      }
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

interface FlagInfo {
  flag: string;
  setting?: GunicornSetting;
  takesValue: boolean;
  /** The value is optional (`--proxy-protocol` alone means `auto`). */
  optionalValue: boolean;
}

let flagTable: Map<string, FlagInfo> | undefined;

function flags(): Map<string, FlagInfo> {
  if (flagTable) return flagTable;
  const table = new Map<string, FlagInfo>();
  for (const setting of GUNICORN_SETTINGS) {
    for (const flag of setting.cli) {
      const current = settingForFlag(flag) ?? setting;
      const valueless = ['store_true', 'store_false', 'store_const', 'count'].includes(current.action ?? '');
      table.set(flag, {
        flag,
        setting: current,
        takesValue: !valueless,
        optionalValue: current.validator === 'validate_proxy_protocol',
      });
    }
  }
  for (const extra of EXTRA_FLAGS) {
    for (const flag of extra.flags) table.set(flag, { flag, takesValue: extra.takesValue, optionalValue: false });
  }
  flagTable = table;
  return table;
}

/** argparse's lookup: the exact long flag, else the one long flag the text is a prefix of. */
function resolveLong(written: string): { info?: FlagInfo; ambiguous?: string[] } {
  const table = flags();
  const exact = table.get(written);
  if (exact) return { info: exact };
  const candidates = [...table.keys()].filter((flag) => flag.startsWith('--') && flag.startsWith(written));
  if (candidates.length === 1) return { info: table.get(candidates[0]) };
  return candidates.length > 1 ? { ambiguous: candidates.sort() } : {};
}

function looksLikeOption(text: string): boolean {
  return text.startsWith('-') && text.length > 1 && !/^-\d+(\.\d+)?$/.test(text);
}

/**
 * Parses the arguments after the executable. When the words still start with the executable (or a wrapper), it
 * is skipped first.
 */
export function parseGunicornArgs(words: readonly CommandWord[]): GunicornInvocation {
  return parseGunicornArguments(words, findGunicornStart(words) ?? 0);
}

/** The environment variable gunicorn reads extra command-line arguments from. */
export const CMD_ARGS_VARIABLE = 'GUNICORN_CMD_ARGS';

/**
 * GUNICORN_CMD_ARGS: gunicorn shlex-splits the variable and hands every word to argparse, with no executable to
 * skip. `baseOffset` is where the value starts in its file, so each word keeps its file range.
 */
export function parseGunicornCmdArgs(value: string, baseOffset = 0): GunicornInvocation {
  return parseGunicornArguments(splitShellWords(value, baseOffset));
}

/** The last option that sets a gunicorn setting (the command line's last word wins, as in argparse). */
export function optionValue(invocation: GunicornInvocation, setting: string): GunicornOption | undefined {
  for (let i = invocation.options.length - 1; i >= 0; i--) if (invocation.options[i].setting?.name === setting) return invocation.options[i];
  return undefined;
}

/** Parses words that are gunicorn's arguments from `start` on (no executable is looked for). */
export function parseGunicornArguments(words: readonly CommandWord[], start = 0): GunicornInvocation {
  const invocation: GunicornInvocation = { options: [], unknown: [], extraPositionals: [] };
  let onlyPositionals = false;
  for (let i = start; i < words.length; i++) {
    const word = words[i];
    const text = word.text;
    if (onlyPositionals || !looksLikeOption(text)) {
      if (!onlyPositionals && text === '--') continue;
      if (!invocation.appTarget) invocation.appTarget = word;
      else invocation.extraPositionals.push(word);
      continue;
    }
    if (text === '--') {
      onlyPositionals = true;
      continue;
    }
    let info: FlagInfo | undefined;
    let written: string;
    let inlineValue: CommandWord | undefined;
    let ambiguous: string[] | undefined;
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      written = equals < 0 ? text : text.slice(0, equals);
      if (equals >= 0) inlineValue = subWord(word, equals + 1);
      ({ info, ambiguous } = resolveLong(written));
    } else {
      written = text.slice(0, 2);
      info = flags().get(written);
      // `-Dw4`: argparse reads a chain of single-letter flags, the last of which may take the rest as its value.
      let at = 2;
      let flagRange: OffsetRange = { start: word.range.start, end: Math.min(word.range.end, word.range.start + 2) };
      while (info && !info.takesValue && at < text.length && text[at] !== '=') {
        invocation.options.push({ flag: info.flag, written, flagRange, setting: info.setting, inline: false });
        written = '-' + text[at];
        info = flags().get(written);
        flagRange = { start: Math.min(word.range.end, word.range.start + at), end: Math.min(word.range.end, word.range.start + at + 1) };
        at++;
      }
      if (at > 2 && !info) {
        invocation.unknown.push({ word, flagRange, flag: written });
        continue;
      }
      if (at > 2) {
        const inlineRest = at < text.length ? subWord(word, text[at] === '=' ? at + 1 : at) : undefined;
        i = finishOption(invocation, words, i, { info: info!, written, flagRange, inlineValue: inlineRest });
        continue;
      }
      if (text.length > 2) inlineValue = subWord(word, text[2] === '=' ? 3 : 2);
    }
    const flagRange = { start: word.range.start, end: Math.min(word.range.end, word.range.start + written.length) };
    if (!info) {
      const suggestion = written.startsWith('--')
        ? nearest(
            written,
            [...flags().keys()].filter((f) => f.startsWith('--')),
            4,
          )
        : undefined;
      invocation.unknown.push({ word, flagRange, flag: written, suggestion, ambiguous });
      continue;
    }
    i = finishOption(invocation, words, i, { info, written, flagRange, inlineValue });
  }
  return invocation;
}

/** Records one recognised option, taking its value from the same word or the next one; returns the last index used. */
function finishOption(
  invocation: GunicornInvocation,
  words: readonly CommandWord[],
  index: number,
  found: { info: FlagInfo; written: string; flagRange: OffsetRange; inlineValue?: CommandWord },
): number {
  const { info, written, flagRange, inlineValue } = found;
  const option: GunicornOption = { flag: info.flag, written, flagRange, setting: info.setting, inline: inlineValue !== undefined };
  let last = index;
  if (info.takesValue) {
    if (inlineValue) option.value = inlineValue;
    else {
      const next = words[index + 1];
      const nextFits =
        next !== undefined && !looksLikeOption(next.text) && (!info.optionalValue || (info.setting?.values ?? []).includes(next.text.toLowerCase()));
      if (nextFits) {
        option.value = next;
        last = index + 1;
      } else if (!info.optionalValue) option.missingValue = true;
    }
  }
  if (info.setting?.name === 'config' && option.value) invocation.configPath = option.value;
  invocation.options.push(option);
  return last;
}
