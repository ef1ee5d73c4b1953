/**
 * What a host format does with the command lines it found: check them, fix a finding, hover and complete flags.
 * Every host gets the same answers; it only says where the sites are and which gunicorn version is in use.
 */
import type { CompletionResult, HoverResult } from '../core/format';
import type { Finding, Fix } from '../core/findings';
import { code, joinSections } from '../core/markdown';
import { fixesForFinding, metaOf, runRules, type RuleMeta } from '../core/rule';
import type { OffsetRange } from '../core/text';
import { availability } from '../knowledge/gunicorn/availability';
import { settingMarkdown, settingValueMarkdown } from '../knowledge/gunicorn/describe';
import { GUNICORN_SETTINGS, settingForFlag } from '../knowledge/gunicorn/index';
import type { CommandLineContext } from './context';
import { COMMAND_LINE_RULES } from './rules/index';
import { invocationOf, siteRange, type CommandSite } from './site';
import { settingValueItems } from './valueCompletion';

/** The registry entries of the command-line checks (settings, `--explain`, SARIF). */
export const commandLineRules: RuleMeta[] = COMMAND_LINE_RULES.map(metaOf);

function contextOf(site: CommandSite, version: string): CommandLineContext {
  return { site, invocation: invocationOf(site), version };
}

function covers(range: OffsetRange, inner: OffsetRange): boolean {
  return range.start <= inner.start && inner.end <= range.end;
}

/** Every command-line finding of these sites; a rule that fails is skipped, never the whole check. */
export function checkSites(sites: readonly CommandSite[], version: string, onError?: (rule: string, error: unknown) => void): Finding[] {
  return sites.flatMap((site) => runRules(COMMAND_LINE_RULES, contextOf(site, version), onError));
}

/** The fixes of a command-line finding, rebuilt from the site it lies in; [] for any other finding. */
export function siteFixes(finding: Finding, sites: readonly CommandSite[], version: string): Fix[] {
  const site = sites.find((candidate) => covers(siteRange(candidate), finding.range));
  return site ? fixesForFinding(COMMAND_LINE_RULES, finding, () => contextOf(site, version)) : [];
}

/** Docs for the flag under the offset (with what it sets and whether this gunicorn has it), or for a meaningful value. */
export function hoverSites(sites: readonly CommandSite[], offset: number, version: string): HoverResult | undefined {
  for (const site of sites) {
    const range = siteRange(site);
    if (offset < range.start || offset > range.end) continue;
    const hover = hoverSite(site, offset, version);
    if (hover) return hover;
  }
  return undefined;
}

function hoverSite(site: CommandSite, offset: number, version: string): HoverResult | undefined {
  for (const option of invocationOf(site).options) {
    const setting = option.setting;
    if (!setting) continue;
    if (offset >= option.flagRange.start && offset <= option.flagRange.end) {
      const header = `${code(option.written)} — gunicorn setting ${code(setting.name)}` + (option.value ? ` = ${code(option.value.text)}` : '');
      return { range: option.flagRange, markdown: joinSections(header, settingMarkdown(setting, version)) };
    }
    if (option.value && offset >= option.value.range.start && offset <= option.value.range.end) {
      const markdown = settingValueMarkdown(setting, option.value.text);
      return markdown ? { range: option.value.range, markdown } : undefined;
    }
  }
  return undefined;
}

const WORD_LIMIT = 200;

/** The unquoted word being typed before the offset. */
function typedWord(text: string, offset: number): OffsetRange {
  let start = offset;
  while (start > 0 && offset - start < WORD_LIMIT && !/[\s'"]/.test(text[start - 1])) start--;
  return { start, end: offset };
}

/**
 * Completion inside one site (the host picks the site on the cursor's line): flags after `-`, and the values of
 * the flag before the cursor when they are a fixed set (worker classes, log levels, ...).
 */
export function completeSite(site: CommandSite, text: string, offset: number, version: string): CompletionResult[] {
  if (offset < 0 || offset > text.length) return [];
  const replace = typedWord(text, offset);
  const typed = text.slice(replace.start, replace.end);
  if (typed.startsWith('-') && !typed.includes('=')) return flagItems(version).map((item) => ({ ...item, replace }));
  const previous = [...site.words].reverse().find((word) => word.range.end < replace.start);
  const setting = previous?.text.startsWith('-') ? settingForFlag(previous.text) : undefined;
  return setting ? settingValueItems(setting, replace, version) : [];
}

/** Flag items per version, without their replace range: the same for every request. */
const flagItemsByVersion = new Map<string, readonly CompletionResult[]>();
const MAX_VERSIONS = 50;

function flagItems(version: string): readonly CompletionResult[] {
  let items = flagItemsByVersion.get(version);
  if (items) return items;
  items = GUNICORN_SETTINGS.flatMap((setting) => {
    const flag = setting.cli.find((candidate) => candidate.startsWith('--')) ?? setting.cli[0];
    // A flag another (current) setting now owns is listed once, under that setting.
    if (!flag || settingForFlag(flag) !== setting) return [];
    const available = availability(setting, version) === 'available';
    return [
      {
        label: flag,
        kind: 'flag' as const,
        detail: setting.summary,
        documentation: settingMarkdown(setting, version),
        sortText: `${available ? '0' : '9'}${flag}`,
        deprecated: !available,
      },
    ];
  });
  if (flagItemsByVersion.size >= MAX_VERSIONS) flagItemsByVersion.clear();
  flagItemsByVersion.set(version, items);
  return items;
}
