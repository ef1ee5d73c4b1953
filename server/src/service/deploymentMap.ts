/**
 * The deployment map of a workspace as the service sees it: the model of the current revision and the findings
 * the editor shows (after severity settings and suppression comments) in every file the map draws.
 */
import { LineIndex } from '../core/text';
import { deploymentGraph, graphFiles, type DeploymentGraph, type MapFinding } from '../deployment/map/index';
import type { LanguageService } from './languageService';

export function deploymentMap(service: LanguageService): DeploymentGraph {
  const model = service.deploymentModel();
  const findings: MapFinding[] = [];
  for (const file of graphFiles(model)) {
    for (const { finding, severity } of service.findings(file)) {
      findings.push({ rule: finding.rule, severity, message: finding.message, path: file, range: finding.range });
    }
  }
  const indexes = new Map<string, LineIndex>();
  const locate = (file: string, offset: number) => {
    let index = indexes.get(file);
    if (!index) indexes.set(file, (index = new LineIndex(service.textOf(file) ?? '')));
    return index.positionAt(offset);
  };
  return deploymentGraph(model, findings, locate);
}

export { MAP_FORMATS, renderMap, type DeploymentGraph, type MapFormat } from '../deployment/map/index';
