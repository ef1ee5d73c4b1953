/**
 * gunicorn/sigterm-override: gunicorn's master and workers shut down gracefully on SIGTERM (and SIGINT/SIGQUIT
 * quickly) through their own handlers. A config that installs another handler for those signals, in a hook or at
 * module level, replaces gunicorn's: workers no longer finish their requests on a deploy, or never stop.
 */
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import type { CallSite, ConfigModel } from '../model';
import { lineAround } from './facts';

export const RULE_ID = 'gunicorn/sigterm-override';

const SHUTDOWN_SIGNAL = /\bSIG(TERM|INT|QUIT)\b/;

export const sigtermOverride: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A hook or module-level call that replaces the SIGTERM (or SIGINT/SIGQUIT) handler.',
  check(context) {
    const callees = signalCallees(context.model);
    const calls = [...context.model.moduleCalls, ...context.model.functions.flatMap((definition) => definition.calls)];
    const findings: Finding[] = [];
    const seen = new Set<number>();
    for (const call of calls) {
      if (!callees.has(call.callee) || call.args.length === 0 || seen.has(call.range.start)) continue;
      const signal = SHUTDOWN_SIGNAL.exec(context.text.slice(call.args[0].range.start, call.args[0].range.end));
      if (!signal) continue;
      seen.add(call.range.start);
      findings.push({
        rule: RULE_ID,
        range: call.range,
        message: `This replaces gunicorn's ${signal[0]} handler: workers no longer shut down gracefully. Use the \`worker_int\` / \`worker_exit\` hooks for clean-up instead.`,
      });
    }
    return findings;
  },
  fixes(finding, context): Fix[] {
    const edit = removeStatement(context.text, finding.range);
    return edit ? [{ title: 'Remove the signal handler', edits: [edit], safe: false, preferred: true }] : [];
  },
};

/** The names `signal.signal` goes by in this file: `signal.signal`, `sig.signal` after `import signal as sig`, `signal` after `from signal import signal`. */
function signalCallees(model: ConfigModel): Set<string> {
  const names = new Set(['signal.signal']);
  for (const statement of model.imports) {
    if (statement.module === 'signal' && statement.names.length === 0) names.add(`${statement.alias ?? 'signal'}.signal`);
    if (statement.module === 'signal') {
      for (const imported of statement.names) if (imported.name === 'signal') names.add(imported.alias ?? 'signal');
    }
  }
  return names;
}

/**
 * Deletes the line holding the call when the call is the whole statement; writes `pass` instead when it is the
 * only statement of its block (an empty block is a syntax error). No edit when the call is part of something else.
 */
function removeStatement(text: string, range: CallSite['range']): { range: { start: number; end: number }; newText: string } | undefined {
  const line = lineAround(text, range.start);
  if (text.slice(line.start, line.end).trim() !== text.slice(range.start, range.end).trim()) return undefined;
  const before = previousCodeLine(text, line.start);
  const after = nextCodeLine(text, line.end);
  const opensBlock = before !== undefined && /:\s*(#.*)?$/.test(before.text);
  const blockContinues = after !== undefined && after.indent.length >= line.indent.length;
  if (opensBlock && !blockContinues) return { range: { start: line.start + line.indent.length, end: line.end }, newText: 'pass' };
  const lineBreakEnd = text[line.end] === '\r' ? line.end + 2 : text[line.end] === '\n' ? line.end + 1 : line.end;
  return { range: { start: line.start, end: lineBreakEnd }, newText: '' };
}

function previousCodeLine(text: string, lineStart: number): { text: string } | undefined {
  const lines = text.slice(0, lineStart).split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const trimmed = lines[i].trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return { text: lines[i] };
  }
  return undefined;
}

function nextCodeLine(text: string, lineEnd: number): { indent: string } | undefined {
  // The first piece is what is left of the current line (its line break): skip it.
  const lines = text.slice(lineEnd).split(/\r?\n/).slice(1);
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return { indent: /^[ \t]*/.exec(line)?.[0] ?? '' };
  }
  return undefined;
}
