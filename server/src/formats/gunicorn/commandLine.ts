/**
 * Gunicorn command lines as argparse reads them: where the arguments start after the executable (and wrappers
 * such as `poetry run` or `python -m gunicorn`), which options they set, the app target and the config path, and
 * the findings a command line can carry by itself. Used for systemd ExecStart=, Dockerfile CMD, compose and
 * Kubernetes commands, Procfiles and GUNICORN_CMD_ARGS.
 */
import type { Finding, Fix } from '../../core/findings';
import type { HoverResult } from '../../core/format';
import { settingMarkdown } from './describe';
import { stringValueHover } from './hover';
import type { OffsetRange } from '../../core/text';
import { nearest } from '../../core/nearest';
import { GUNICORN_SETTINGS, settingAvailability, settingForFlag } from '../../knowledge/gunicorn/index';
import type { GunicornSetting } from '../../knowledge/gunicorn/types';
import { pathLikeTarget } from './rules/app-target';
import { splitShellWords, type CommandWord } from './shellWords';
import { validateSettingValue } from './validate';

export type { CommandWord } from './shellWords';

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

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** The index of the first argument after the gunicorn executable, or undefined when the words do not run gunicorn. */
export function findGunicornStart(words: readonly CommandWord[]): number | undefined {
  let i = 0;
  const limit = Math.min(words.length, 64);
  while (i < limit) {
    const word = words[i].text;
    const name = basename(word);
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

function subWord(word: CommandWord, from: number): CommandWord {
  return { text: word.text.slice(from), range: { start: Math.min(word.range.start + from, word.range.end), end: word.range.end }, quoted: word.quoted };
}

/**
 * Parses the arguments after the executable. When the words still start with the executable (or a wrapper), it
 * is skipped first.
 */
export function parseGunicornArgs(words: readonly CommandWord[]): GunicornInvocation {
  const start = findGunicornStart(words) ?? 0;
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
      const suggestion = written.startsWith('--') ? nearest(written, [...flags().keys()].filter((f) => f.startsWith('--')), 4) : undefined;
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
      const nextFits = next !== undefined && !looksLikeOption(next.text) &&
        (!info.optionalValue || (info.setting?.values ?? []).includes(next.text.toLowerCase()));
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

/** GUNICORN_CMD_ARGS: shell-split and parsed like a command line (without an executable). */
export function parseGunicornCmdArgsEnv(value: string, baseOffset = 0): GunicornInvocation {
  return parseGunicornArgs(splitShellWords(value, baseOffset));
}

export const UNKNOWN_OPTION = 'gunicorn/unknown-option';
export const INVALID_VALUE = 'gunicorn/invalid-value';
export const APP_TARGET_SYNTAX = 'gunicorn/app-target-syntax';

interface UnknownOptionData {
  replacement?: string;
}

interface AppTargetData {
  rewritten: string;
  folder?: string;
  /** Where the existing `--chdir` value sits, if the command line has one. */
  chdirRange?: OffsetRange;
  chdir?: string;
}

/** `$NAME`, `${NAME}`, `$(command)` or a backquoted command: text a shell or systemd replaces before gunicorn sees it. */
function mentionsVariable(text: string): boolean {
  return /\$(?:[A-Za-z_{(]|\d)|`/.test(text);
}

export function checkInvocation(invocation: GunicornInvocation, version: string): Finding[] {
  const findings: Finding[] = [];
  for (const unknown of invocation.unknown) {
    const what = unknown.ambiguous
      ? `is ambiguous (it could be ${unknown.ambiguous.map((f) => `\`${f}\``).join(', ')})`
      : 'is not a gunicorn option';
    const hint = unknown.suggestion ? ` Did you mean \`${unknown.suggestion}\`?` : '';
    const data: UnknownOptionData = { replacement: unknown.suggestion };
    findings.push({
      rule: UNKNOWN_OPTION,
      range: unknown.flagRange,
      message: `\`${unknown.flag}\` ${what}: gunicorn exits with a usage error.${hint}`,
      data,
    });
  }
  for (const option of invocation.options) {
    const setting = option.setting;
    if (setting) {
      const availability = settingAvailability(setting, version);
      if (availability !== 'available') {
        const why = availability === 'removed' ? `was removed in gunicorn ${setting.removed}` : `arrived in gunicorn ${setting.added}`;
        findings.push({
          rule: UNKNOWN_OPTION,
          range: option.flagRange,
          message: `\`${option.written}\` ${why}; gunicorn ${version} exits with a usage error.`,
          data: {} satisfies UnknownOptionData,
        });
        continue;
      }
    }
    if (option.missingValue) {
      findings.push({ rule: INVALID_VALUE, range: option.flagRange, message: `\`${option.written}\` needs a value; gunicorn exits with a usage error.` });
      continue;
    }
    // A variable the environment fills in at start-up (`-w $WORKERS`) is not ours to judge.
    if (setting && option.value && !mentionsVariable(option.value.text)) {
      const problem = validateSettingValue(setting, { kind: 'cli', text: option.value.text }, version);
      if (problem) {
        findings.push({ rule: INVALID_VALUE, range: option.value.range, message: problem.message, ...(problem.severity ? { severity: problem.severity } : {}) });
      }
    }
  }
  const target = invocation.appTarget;
  const path = target && !mentionsVariable(target.text) ? pathLikeTarget(target.text) : undefined;
  if (target && path) {
    const chdir = invocation.options.find((option) => option.setting?.name === 'chdir' && option.value);
    const data: AppTargetData = { rewritten: path.rewritten, folder: path.folder, chdir: chdir?.value?.text, chdirRange: chdir?.value?.range };
    const where = path.folder ? ` with \`--chdir ${path.folder}\`` : '';
    findings.push({
      rule: APP_TARGET_SYNTAX,
      range: target.range,
      message: `\`${target.text}\` is a file path; gunicorn imports the app by module name: write \`${path.rewritten}\`${where}.`,
      data,
    });
  }
  return findings;
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function invocationFixes(finding: Finding): Fix[] {
  if (finding.rule === UNKNOWN_OPTION) {
    const data = finding.data as UnknownOptionData | undefined;
    if (!data?.replacement) return [];
    return [{ title: `Replace with \`${data.replacement}\``, edits: [{ range: finding.range, newText: data.replacement }], safe: false, preferred: true }];
  }
  if (finding.rule === APP_TARGET_SYNTAX) {
    const data = finding.data as AppTargetData | undefined;
    if (!data?.rewritten) return [];
    if (!data.folder) {
      return [{ title: `Write the target as \`${data.rewritten}\``, edits: [{ range: finding.range, newText: shellQuote(data.rewritten) }], safe: false, preferred: true }];
    }
    if (data.chdirRange && data.chdir !== undefined) {
      const combined = data.chdir.replace(/\/+$/, '') + '/' + data.folder;
      return [{
        title: `Write the target as \`${data.rewritten}\` and run from \`${combined}\``,
        edits: [
          { range: data.chdirRange, newText: shellQuote(combined) },
          { range: finding.range, newText: shellQuote(data.rewritten) },
        ],
        safe: false,
        preferred: true,
      }];
    }
    return [{
      title: `Write the target as \`${data.rewritten}\` with \`--chdir ${data.folder}\``,
      edits: [{ range: finding.range, newText: `--chdir ${shellQuote(data.folder)} ${shellQuote(data.rewritten)}` }],
      safe: false,
      preferred: true,
    }];
  }
  return [];
}

/** Setting docs for the flag under the offset, or for a meaningful value (worker class, log level) under it. */
export function hoverFlag(invocation: GunicornInvocation, offset: number, version?: string): HoverResult | undefined {
  for (const option of invocation.options) {
    if (!option.setting) continue;
    if (offset >= option.flagRange.start && offset <= option.flagRange.end) {
      return { range: option.flagRange, markdown: settingMarkdown(option.setting, version) };
    }
    if (option.value && offset >= option.value.range.start && offset <= option.value.range.end) {
      return stringValueHover(option.setting, option.value.text, option.value.range);
    }
  }
  return undefined;
}
