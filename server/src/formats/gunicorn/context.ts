/** What every gunicorn config check receives. Built once per check run by the gunicorn format. */
import type { AnalysisContext } from '../../core/format';
import type { ConfigModel } from './model';
import type { RequirementsInfo } from '../requirements/types';

export interface GunicornDocument {
  text: string;
  model: ConfigModel;
  /** The tree-sitter tree, kept for incremental re-parse; opaque to checks. */
  tree?: unknown;
}

export interface GunicornCheckContext extends AnalysisContext<GunicornDocument> {
  model: ConfigModel;
  /** The gunicorn version in use, "26.1.0" style. */
  version: string;
  versionSource: 'setting' | 'requirements' | 'newest';
  /** The project's requirements nearest this file, if any were found. */
  requirements: RequirementsInfo | undefined;
}
