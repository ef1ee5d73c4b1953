/** The Dockerfile's own checks (the command-line checks run on its sites through commandline/). */
import type { AnalysisContext } from '../../../core/format';
import { metaOf, type Rule, type RuleMeta } from '../../../core/rule';
import type { DockerfileDocument } from '../document';
import { shellFormCmd } from './shell-form-cmd';

export const DOCKERFILE_RULES: readonly Rule<AnalysisContext<DockerfileDocument>>[] = [shellFormCmd];

export const dockerfileRules: RuleMeta[] = DOCKERFILE_RULES.map(metaOf);
