/** Document links: gunicorn's `-c` config file, units named in dependencies, EnvironmentFile= files. */
import * as path from 'node:path';
import type { AnalysisContext, LinkResult, LocationResult } from '../../core/format';
import type { UnitDocument } from './document';
import { resolveConfigPath } from './configFile';
import { unitFacts } from './facts';
import { valueSubrange } from './parser';
import { expandUnitSpecifiers, findUnitFile } from './rules/socketUnitMissing';

/** The unit kinds a dependency may name that a repository keeps as files. */
const UNIT_FILE = /\.(service|socket|target|timer)$/;

const UNIT_KEYS = new Set([
  'Requires',
  'Wants',
  'BindsTo',
  'Requisite',
  'PartOf',
  'Upholds',
  'After',
  'Before',
  'Conflicts',
  'OnFailure',
  'OnSuccess',
  'Sockets',
  'Service',
  'Also',
  'WantedBy',
  'RequiredBy',
  'PropagatesReloadTo',
  'ReloadPropagatedFrom',
]);

export function links(context: AnalysisContext<UnitDocument>): LinkResult[] {
  const project = context.project;
  if (!project) return [];
  const doc = context.document;
  const result: LinkResult[] = [];
  for (const entry of doc.entries) {
    if (!UNIT_KEYS.has(entry.key)) continue;
    const re = /[^ \t]+/g;
    let match: RegExpExecArray | null;
    while ((match = re.exec(entry.value))) {
      const name = expandUnitSpecifiers(match[0], doc.unitName);
      const target = name && UNIT_FILE.test(name) ? findUnitFile(project, name) : undefined;
      if (target && target !== doc.path)
        result.push({ range: valueSubrange(entry, match.index, match.index + match[0].length), target, tooltip: `Open ${path.basename(target)}` });
    }
  }
  const facts = unitFacts(doc, project);
  const config = facts.gunicorn?.invocation.configPath;
  if (config && facts.gunicorn?.path === doc.path) {
    const target = resolveConfigPath(config.text, facts, project);
    if (target) result.push({ range: config.range, target, tooltip: 'Open the gunicorn config file' });
  }
  return result;
}

export function definition(context: AnalysisContext<UnitDocument>, offset: number): LocationResult[] {
  return links(context)
    .filter((l) => l.range.start <= offset && offset <= l.range.end)
    .map((l) => ({ path: l.target, range: { start: 0, end: 0 } }));
}
