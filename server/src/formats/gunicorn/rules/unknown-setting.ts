/**
 * gunicorn/unknown-setting: gunicorn reads every module-level name of its config file and keeps only exact setting
 * names; anything else is dropped without a word. So a misspelt or wrongly cased setting (`workers_class`,
 * `WORKERS`) silently does nothing. Also reports real settings that the gunicorn version in use does not have yet,
 * or no longer has: they are ignored just the same.
 */
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { GUNICORN_SETTINGS, settingNamed } from '../../../knowledge/gunicorn/index';
import { availability as settingAvailability } from '../../../knowledge/gunicorn/availability';
import type { GunicornSetting } from '../../../knowledge/gunicorn/types';
import type { GunicornCheckContext } from '../context';
import { bindings } from './facts';
import { identifierOccurrences } from './names';

export const RULE_ID = 'gunicorn/unknown-setting';

interface Data {
  replacement?: string;
}

export const unknownSetting: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A config name that is one typo or a case change away from a setting, or a setting the gunicorn version in use does not have.',
  check(context) {
    const findings: Finding[] = [];
    const all = bindings(context.model);
    const reported = new Set<string>();
    for (const binding of all) {
      const exact = exactSetting(binding.name);
      if (exact) {
        const availability = settingAvailability(exact, context.version);
        if (availability === 'available') continue;
        const why = availability === 'not-yet' ? `added in ${exact.added}` : `removed in ${exact.removed ?? 'a later release'}`;
        findings.push({
          rule: RULE_ID,
          range: binding.nameRange,
          message: `\`${binding.name}\` is not in gunicorn ${context.version} (${why}); this gunicorn ignores it.`,
        });
        continue;
      }
      if (reported.has(binding.name) || !isCandidateName(binding.name)) continue;
      const target = likelySetting(binding.name, context.version);
      if (!target) continue;
      // A name the file reads, imports or defines twice over is a variable of its own, not a typo.
      const ownRanges = all.filter((other) => other.name === binding.name).map((other) => other.nameRange.start);
      const uses = identifierOccurrences(context.text, binding.name).filter((range) => !ownRanges.includes(range.start));
      if (uses.length > 0) continue;
      reported.add(binding.name);
      const data: Data = { replacement: target.name };
      const how = target.name.toLowerCase() === binding.name.toLowerCase() ? 'setting names are lower case' : `did you mean \`${target.name}\`?`;
      for (const same of all.filter((other) => other.name === binding.name)) {
        findings.push({
          rule: RULE_ID,
          range: same.nameRange,
          message: `\`${binding.name}\` is not a gunicorn setting, so gunicorn ignores it; ${how}`,
          data,
        });
      }
    }
    return findings;
  },
  fixes(finding: Finding): Fix[] {
    const data = finding.data as Data | undefined;
    if (!data?.replacement) return [];
    return [
      {
        title: `Rename to \`${data.replacement}\``,
        edits: [{ range: finding.range, newText: data.replacement }],
        safe: false,
        preferred: true,
      },
    ];
  },
};

function exactSetting(name: string): GunicornSetting | undefined {
  const setting = settingNamed(name);
  return setting && setting.name === name ? setting : undefined;
}

/** Private and dunder names are the user's own on purpose. */
function isCandidateName(name: string): boolean {
  return !name.startsWith('_') && /^[A-Za-z][A-Za-z0-9_]*$/.test(name);
}

/** Answers of likelySetting by version and name: a config re-checked on every keystroke asks the same again. */
const likelyCache = new Map<string, Map<string, GunicornSetting | null>>();
const LIKELY_CACHE_LIMIT = 10_000;

/** The setting a name was meant to be: same letters in another case, or (for names of 4+ letters) one edit away. */
function likelySetting(name: string, version: string): GunicornSetting | undefined {
  let byName = likelyCache.get(version);
  if (!byName) {
    if (likelyCache.size >= 50) likelyCache.clear();
    byName = new Map();
    likelyCache.set(version, byName);
  }
  const cached = byName.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const found = searchLikelySetting(name, version);
  if (byName.size >= LIKELY_CACHE_LIMIT) byName.clear();
  byName.set(name, found ?? null);
  return found;
}

function searchLikelySetting(name: string, version: string): GunicornSetting | undefined {
  const lower = name.toLowerCase();
  let best: GunicornSetting | undefined;
  let bestScore = Infinity;
  for (const setting of GUNICORN_SETTINGS) {
    const score = setting.name === lower ? 0 : name.length >= 4 && withinOneEdit(lower, setting.name) ? 1 : Infinity;
    // Only settings this version has: `DEBUG` is not meant as the long-gone `debug` setting.
    if (score > 1 || settingAvailability(setting, version) !== 'available') continue;
    const rank = score;
    if (rank < bestScore || (rank === bestScore && best !== undefined && setting.name < best.name)) {
      best = setting;
      bestScore = rank;
    }
  }
  return best;
}

/**
 * Levenshtein distance at most 1 (one insertion, deletion or substitution), in one pass: the full distance matrix
 * for every name against every setting was most of a re-check's time.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  // Past the first difference the rest must match: shifted by one (insertion) or aligned (substitution).
  const skip = short.length === long.length ? 1 : 0;
  return short.slice(i + skip) === long.slice(i + 1);
}
