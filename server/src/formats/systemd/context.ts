/** What every systemd check receives; built once per check run. */
import type { AnalysisContext } from '../../core/format';
import { knownVersion } from '../../knowledge/systemd';
import type { UnitDocument } from './document';
import { factsFromView, type UnitFacts } from './facts';
import { buildView, type UnitView } from './unitView';

export interface SystemdCheckContext extends AnalysisContext<UnitDocument> {
  /** "252" or "257": the knowledge table in use. */
  version: '252' | '257';
  view: UnitView;
  facts: UnitFacts;
}

export function buildContext(context: AnalysisContext<UnitDocument>): SystemdCheckContext {
  const view = buildView(context.document, context.project);
  return { ...context, version: knownVersion(context.project?.settings?.systemdVersion), view, facts: factsFromView(view, context.project) };
}
