/**
 * gunicorn/unknown-log-atom: gunicorn formats each access log line as `access_log_format % atoms`. An unknown key
 * is logged as `-` without a warning, and a malformed atom (`%(h)` without a conversion, Apache's `%h`) makes the
 * formatting raise on every request, so the access log is lost.
 */
import type { Finding, Fix } from '../../../core/findings';
import { nearest } from '../../../core/nearest';
import type { Rule } from '../../../core/rule';
import { ACCESS_LOG_ATOMS, atomNamed, compareVersions } from '../../../knowledge/gunicorn/index';
import type { GunicornCheckContext } from '../context';
import { bindingsOf } from './facts';
import { scanLogFormat } from './log-format';

export const RULE_ID = 'gunicorn/unknown-log-atom';

/** Words people write for an atom, from other servers' log formats. */
const ALIASES: Record<string, string> = {
  status: 's',
  method: 'm',
  path: 'U',
  url: 'U',
  query: 'q',
  protocol: 'H',
  bytes: 'B',
  referer: 'f',
  referrer: 'f',
  user_agent: 'a',
  useragent: 'a',
  agent: 'a',
  pid: 'p',
  remote_addr: 'h',
  host: 'h',
  time: 't',
  request: 'r',
};

const PARAMETRISED = /^\{[^{}]+\}[ioe]$/;

interface Data {
  /** The edit that repairs it. */
  range: { start: number; end: number };
  newText: string;
  title: string;
}

export const unknownLogAtom: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'An `access_log_format` atom gunicorn does not define, or a malformed one.',
  check(context) {
    const findings: Finding[] = [];
    for (const binding of bindingsOf(context.model, 'access_log_format')) {
      if (binding.augmented || binding.value.value.kind !== 'string') continue;
      const { range } = binding.value;
      for (const token of scanLogFormat(context.text.slice(range.start, range.end), range.start)) {
        if (token.kind === 'bare') {
          const known = atomNamed(token.letter);
          findings.push({
            rule: RULE_ID,
            range: token.range,
            message: `\`%${token.letter}\` is not a gunicorn atom: atoms are written \`%(${token.letter})s\`; as it is, every access log line fails to format.`,
            data: known ? ({ range: token.range, newText: `%(${token.letter})s`, title: `Write it as %(${token.letter})s` } satisfies Data) : undefined,
          });
          continue;
        }
        if (token.kind === 'unterminated') {
          findings.push({
            rule: RULE_ID,
            range: token.range,
            message: `\`${context.text.slice(token.range.start, token.range.end)}\` has no conversion character (\`%(${token.key})s\`): every access log line fails to format.`,
            data: token.closed
              ? ({ range: { start: token.range.end, end: token.range.end }, newText: 's', title: `Add the missing \`s\`` } satisfies Data)
              : undefined,
          });
          continue;
        }
        const problem = unknownKey(token.key, context.version);
        if (!problem) continue;
        findings.push({
          rule: RULE_ID,
          range: token.range,
          message: problem.message,
          data: problem.replacement
            ? ({ range: token.keyRange, newText: problem.replacement, title: `Use the \`%(${problem.replacement})s\` atom` } satisfies Data)
            : undefined,
        });
      }
    }
    return findings;
  },
  fixes(finding): Fix[] {
    const data = finding.data as Data | undefined;
    if (!data) return [];
    return [{ title: data.title, edits: [{ range: data.range, newText: data.newText }], safe: false, preferred: true }];
  },
};

function unknownKey(key: string, version: string): { message: string; replacement?: string } | undefined {
  if (PARAMETRISED.test(key)) return undefined;
  const known = atomNamed(key);
  if (known) {
    if (known.added && compareVersions(known.added, version) > 0) {
      return { message: `The \`${key}\` atom is not in gunicorn ${version} (added in ${known.added}); it is logged as \`-\`.` };
    }
    return undefined;
  }
  let replacement: string | undefined;
  if (/^\{[^{}]*\}$/.test(key)) replacement = `${key}i`;
  else if (/^\{[^{}]*\}[A-Za-z]$/.test(key)) replacement = `${key.slice(0, -1)}i`;
  else {
    const simple = ACCESS_LOG_ATOMS.filter((atom) => !atom.suffix).map((atom) => atom.atom);
    replacement = ALIASES[key.toLowerCase()] ?? (key.length > 1 ? nearest(key, simple, 1) : simple.find((atom) => atom.toLowerCase() === key.toLowerCase()));
  }
  const hint = replacement ? ` Did you mean \`%(${replacement})s\`?` : '';
  return { message: `\`${key}\` is not a gunicorn access log atom; gunicorn logs \`-\` in its place.${hint}`, replacement };
}
