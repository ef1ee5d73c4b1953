/**
 * The shape of a cross-file check. It reads only the deployment model, so a test can hand it a model built by hand;
 * each finding names the file it belongs to, and its fixes may edit several files (whole or not at all).
 */
import type { Project } from '../core/format';
import type { Finding, Fix } from '../core/findings';
import type { RuleMeta } from '../core/rule';
import type { DeploymentModel } from './model';

export interface DeploymentFinding extends Finding {
  /** Absolute path of the file the finding is reported in (the line a user must change). */
  path: string;
}

export interface DeploymentFixContext {
  model: DeploymentModel;
  /** For reading the current text of the files a fix edits; fixes never read anything else through it. */
  project: Project;
}

export interface DeploymentRule extends RuleMeta {
  check(model: DeploymentModel): DeploymentFinding[];
  /** Computed on request from the current model, never cached. Edits carry their `path`. */
  fixes?(finding: DeploymentFinding, context: DeploymentFixContext): Fix[];
}
