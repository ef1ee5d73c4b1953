/**
 * gunicorn/hook-signature: gunicorn checks a server hook's arity when it loads the config and refuses to start when
 * it differs. The arity is counted as gunicorn's util.get_arity does: every positional parameter, with or without
 * a default; `*args`, `**kwargs` and keyword-only parameters do not count. (So `def post_fork(server, worker,
 * extra=None)` is refused, and `def post_fork(*args)` is too.)
 *
 * The fix rewrites the parameter list. It is safe (applied by `--fix`) only when it appends the parameters gunicorn
 * passes to a def whose own parameters are the first documented ones, by name (`def post_fork(server):` gets
 * `, worker`): nothing the body reads changes, and a module-level name the new parameter would hide makes it unsafe.
 */
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { OffsetRange } from '../../../core/text';
import { settingNamed } from '../../../knowledge/gunicorn/index';
import { availability as settingAvailability } from '../../../knowledge/gunicorn/availability';
import type { GunicornSetting } from '../../../knowledge/gunicorn/types';
import type { GunicornCheckContext } from '../context';
import type { Param } from '../model';
import { bindings } from './facts';

export const RULE_ID = 'gunicorn/hook-signature';

interface Data {
  /** Where the parameter list is written, and whether it has parentheses (a def) or not (a lambda). */
  paramsRange: OffsetRange;
  parenthesised: boolean;
  newParams: string;
  /** Set when the fix only appends documented parameters: insert `text` at `offset`. */
  append?: { offset: number; text: string };
}

export const hookSignature: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'error',
  summary: 'A server hook whose number of positional parameters is not the one gunicorn calls it with.',
  check(context) {
    const findings: Finding[] = [];
    for (const binding of bindings(context.model)) {
      if (binding.augmented) continue;
      const setting = hookSetting(binding.name, context.version);
      if (!setting?.hookArity?.length) continue;
      const value = binding.value.value;
      if (value.kind !== 'function') continue;
      const definition = value.definition ?? binding.definition;
      const params = definition?.params ?? value.params;
      const arity = positionalCount(params);
      if (setting.hookArity.includes(arity)) continue;
      const newParams = documentedParams(setting, params);
      let where: Data | undefined;
      if (definition) {
        const append = appendOnly(setting, definition.params, definition.paramsRange, context);
        where = { paramsRange: definition.paramsRange, parenthesised: true, newParams, append };
      } else if (params.length > 0) {
        where = { paramsRange: { start: params[0].range.start, end: params[params.length - 1].range.end }, parenthesised: false, newParams };
      } else if (context.text.startsWith('lambda', binding.value.range.start)) {
        const afterKeyword = binding.value.range.start + 'lambda'.length;
        where = { paramsRange: { start: afterKeyword, end: afterKeyword }, parenthesised: false, newParams: ` ${newParams}` };
      }
      // A def is reported on its parameter list; an assignment on its value (the lambda or the function's name).
      const range = binding.definition ? definition!.paramsRange : binding.value.range;
      findings.push({
        rule: RULE_ID,
        range,
        message:
          `gunicorn calls \`${setting.name}\` with ${describeArity(setting.hookArity)} (${(setting.hookParams ?? []).join(', ')}), ` +
          `but this function takes ${arity} positional parameter${arity === 1 ? '' : 's'}: gunicorn refuses the config.`,
        data: where,
      });
    }
    return findings;
  },
  fixes(finding, context): Fix[] {
    const data = finding.data as Data | undefined;
    if (!data || data.paramsRange.end > context.text.length) return [];
    const newText = data.parenthesised ? `(${data.newParams})` : data.newParams;
    if (data.append && data.append.offset <= context.text.length) {
      return [
        {
          title: `Add the parameters gunicorn passes: ${data.append.text.replace(/^, /, '')}`,
          edits: [{ range: { start: data.append.offset, end: data.append.offset }, newText: data.append.text }],
          safe: true,
          preferred: true,
        },
      ];
    }
    return [
      {
        title: `Use the documented parameters: ${data.newParams.trim()}`,
        edits: [{ range: data.paramsRange, newText }],
        safe: false,
        preferred: true,
      },
    ];
  },
};

/**
 * Where and what to insert when the def's parameters are plain and are the first documented ones by name, so the
 * fix only appends the rest; undefined otherwise (or when a module-level name would be hidden by a new one).
 */
function appendOnly(setting: GunicornSetting, params: Param[], paramsRange: OffsetRange, context: GunicornCheckContext): Data['append'] {
  const documented = setting.hookParams ?? [];
  if (params.length >= documented.length || context.text[paramsRange.start] !== '(') return undefined;
  if (!params.every((param, i) => param.kind === 'plain' && param.name === documented[i])) return undefined;
  const added = documented.slice(params.length);
  const moduleNames = new Set([
    ...context.model.assignments.map((a) => a.name),
    ...context.model.functions.map((f) => f.name),
    ...context.model.imports.flatMap((i) => (i.names.length > 0 ? i.names.map((n) => n.alias ?? n.name) : [i.alias ?? i.module.split('.')[0]])),
  ]);
  if (added.some((name) => moduleNames.has(name))) return undefined;
  if (params.length === 0) return { offset: paramsRange.start + 1, text: added.join(', ') };
  return { offset: params[params.length - 1].range.end, text: `, ${added.join(', ')}` };
}

function hookSetting(name: string, version: string): GunicornSetting | undefined {
  const setting = settingNamed(name);
  if (!setting || setting.name !== name || setting.kind !== 'callable') return undefined;
  return settingAvailability(setting, version) === 'available' ? setting : undefined;
}

export function positionalCount(params: Param[]): number {
  return params.filter((param) => param.kind === 'plain' || param.kind === 'default').length;
}

function describeArity(arities: number[]): string {
  const words = arities.map(String);
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words[0];
  return `${list} argument${arities.length === 1 && arities[0] === 1 ? '' : 's'}`;
}

/** The documented names, then any `*args` / `**kwargs` the user had (they do not change the arity). */
function documentedParams(setting: GunicornSetting, params: Param[]): string {
  const names = [...(setting.hookParams ?? [])];
  if (names.length === 0) {
    const arity = Math.max(...(setting.hookArity ?? [0]));
    for (let i = 0; i < arity; i++) names.push(`arg${i + 1}`);
  }
  for (const param of params) {
    if (param.kind === 'star') names.push(`*${param.name.replace(/^\*+/, '')}`);
    if (param.kind === 'double_star') names.push(`**${param.name.replace(/^\*+/, '')}`);
  }
  return names.join(', ');
}
