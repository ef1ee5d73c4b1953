/** systemd/runtime-directory: a socket or pid file under `/run/NAME/` without `RuntimeDirectory=NAME`. */
import type { Rule } from '../../../core/rule';
import type { Finding } from '../../../core/findings';
import type { OffsetRange } from '../../../core/text';
import type { SystemdCheckContext } from '../context';
import { configModel, literalSetting, resolveConfigPath } from '../configFile';
import { insertLineAfter, localGunicorn } from './helpers';

/** The NAME of `/run/NAME/…` (or `/var/run/NAME/…`), for a path with a file below the folder. */
export function runFolder(p: string): string | undefined {
  const match = /^(?:unix:)?(?:\/var)?\/run\/([^/\s]+)\/[^/\s]+/.exec(p);
  return match?.[1];
}

interface RunPath {
  path: string;
  folder: string;
  range: OffsetRange;
  where: string;
}

function runPaths(context: SystemdCheckContext): RunPath[] {
  const gunicorn = localGunicorn(context);
  if (!gunicorn) return [];
  const found: RunPath[] = [];
  for (const option of gunicorn.invocation.options) {
    const name = option.setting?.name;
    if ((name === 'bind' || name === 'pidfile') && option.value) {
      const folder = runFolder(option.value.text);
      if (folder) found.push({ path: option.value.text, folder, range: option.value.range, where: option.written });
    }
  }
  const configPath = gunicorn.invocation.configPath;
  if (configPath) {
    const file = resolveConfigPath(configPath.text, context.facts, context.project);
    const model = file ? configModel(file, context.project) : undefined;
    for (const name of ['bind', 'pidfile']) {
      const value = model ? literalSetting(model, name) : undefined;
      if (!value || value === 'unknown') continue;
      const strings = value.kind === 'string' ? [value.value] : 'items' in value ? value.items.map((i) => (i.value.kind === 'string' ? i.value.value : '')) : [];
      for (const s of strings) {
        const folder = runFolder(s);
        if (folder) found.push({ path: s, folder, range: configPath.range, where: `${name} in the config file` });
      }
    }
  }
  return found;
}

export const runtimeDirectory: Rule<SystemdCheckContext> = {
  id: 'systemd/runtime-directory',
  severity: 'warning',
  summary: 'A socket or pid file under `/run/NAME/` without `RuntimeDirectory=NAME`.',
  check(context) {
    const have = new Set(context.facts.runtimeDirectories.map((d) => d.value.split('/')[0].split(':')[0]));
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const item of runPaths(context)) {
      if (have.has(item.folder) || reported.has(`${item.folder}@${item.range.start}`)) continue;
      reported.add(`${item.folder}@${item.range.start}`);
      findings.push({
        rule: 'systemd/runtime-directory',
        range: item.range,
        message: `${item.path} (${item.where}) lives in /run/${item.folder}/, which nothing creates: /run is emptied at boot and only root may write there. Add RuntimeDirectory=${item.folder}.`,
        data: { folder: item.folder },
      });
    }
    return findings;
  },
  fixes(finding, context) {
    const gunicorn = localGunicorn(context);
    const folder = (finding.data as { folder?: string } | undefined)?.folder;
    return gunicorn && folder ? [insertLineAfter(gunicorn.entry, `RuntimeDirectory=${folder}`, `Add RuntimeDirectory=${folder}`, true)] : [];
  },
};
