/** Hover on a gunicorn flag inside an exec command: the setting's docs from the gunicorn knowledge. */
import type { HoverResult } from '../../core/format';
import { code, facts, joinSections, link } from '../../core/markdown';
import type { UnitEntry } from './document';
import { parseExecEntry } from './execCommand';
import { parseGunicornArgs } from './gunicornCommand';
import { gunicornWords } from './gunicornWords';

export function hoverGunicornFlag(entry: UnitEntry, offset: number): HoverResult | undefined {
  for (const command of parseExecEntry(entry)) {
    if (!command.program || offset < command.range.start || offset > command.range.end) continue;
    const words = gunicornWords([command.program, ...command.rawArgs]);
    if (!words) continue;
    const invocation = parseGunicornArgs(words);
    for (const option of invocation.options) {
      if (offset < option.flagRange.start || offset > option.flagRange.end) continue;
      const setting = option.setting;
      if (!setting) return undefined;
      return {
        range: option.flagRange,
        markdown: joinSections(
          `${code(option.written)} — gunicorn setting ${code(setting.name)}` + (option.value ? ` = ${code(option.value.text)}` : '') + `\n\n${setting.summary}`,
          setting.docs,
          facts([['Flags', setting.cli.map(code).join(', ')], ['Default', code(setting.defaultSource)]]),
          link('gunicorn settings', setting.url),
        ),
      };
    }
  }
  return undefined;
}
