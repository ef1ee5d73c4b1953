/**
 * The deployment layer's front: build the model of a workspace and run every cross-file check on it once,
 * grouping the findings by the file they belong to. The service caches the result per project revision.
 */
import type { Project } from '../core/format';
import type { Fix } from '../core/findings';
import { metaOf, type RuleMeta } from '../core/rule';
import { buildModel } from './build';
import { collectFacts } from './hosts';
import type { DeploymentModel } from './model';
import type { DeploymentFinding } from './rule';
import { DEPLOYMENT_RULES } from './rules/index';

export type { DeploymentModel } from './model';
export type { DeploymentFinding } from './rule';

export interface DeploymentAnalysis {
  model: DeploymentModel;
  /** Findings by absolute path. */
  findings: Map<string, DeploymentFinding[]>;
}

/** Every cross-file check's registry entry; an id shared with a single-file check is listed once, by the caller. */
export const deploymentRules: RuleMeta[] = DEPLOYMENT_RULES.map(metaOf);

export function analyseDeployment(project: Project, files: readonly string[], onError?: (what: string, error: unknown) => void): DeploymentAnalysis {
  const model = buildModel(project, collectFacts(project, files, onError));
  const findings = new Map<string, DeploymentFinding[]>();
  for (const rule of DEPLOYMENT_RULES) {
    let found: DeploymentFinding[];
    try {
      found = rule.check(model);
    } catch (error) {
      onError?.(rule.id, error);
      continue;
    }
    for (const finding of found) (findings.get(finding.path) ?? findings.set(finding.path, []).get(finding.path)!).push(finding);
  }
  return { model, findings };
}

/** The fixes of a cross-file finding, from the rule that made it; [] when it has none or fails. */
export function deploymentFixes(finding: DeploymentFinding, model: DeploymentModel, project: Project): Fix[] {
  for (const rule of DEPLOYMENT_RULES) {
    if (rule.id !== finding.rule || !rule.fixes) continue;
    try {
      const fixes = rule.fixes(finding, { model, project });
      if (fixes.length > 0) return fixes;
    } catch {
      /* another rule with the same id may own this finding */
    }
  }
  return [];
}

/** Files the model read beyond the claimed ones (app modules, requirements): the editor watches them too. */
export function filesRead(model: DeploymentModel): Set<string> {
  const files = new Set<string>();
  for (const invocation of model.invocations) {
    for (const module of invocation.app?.modules ?? []) files.add(module);
    for (const file of invocation.requirements?.files ?? []) files.add(file);
    if (invocation.config?.path) files.add(invocation.config.path);
  }
  return files;
}
