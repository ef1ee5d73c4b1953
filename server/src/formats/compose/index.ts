/**
 * Compose files (`compose.yaml`, `docker-compose.yml`, their overrides): the gunicorn command lines of services'
 * `command:`/`entrypoint:` and `GUNICORN_CMD_ARGS` are checked, hovered and completed in place as in a unit's
 * `ExecStart=` (commandline/); the services' facts feed the deployment model. The file keeps VS Code's
 * `dockercompose` language (the Docker extension's): nothing here judges the YAML itself.
 */
import { commandHostFeatures } from '../../commandline/hostFeatures';
import type { AnalysisContext, FormatSupport, SymbolResult } from '../../core/format';
import { gunicornVersionOf } from '../requirements/gunicornVersion';
import type { ComposeDocument } from './document';
import { commandSites } from './facts';
import { parseCompose } from './parser';

export type { ComposeCommand, ComposeDocument, ComposeEnvironmentEntry, ComposePort, ComposeService, Located } from './document';
export { composeDuration, parseCompose } from './parser';
export { commandSites, composeFacts, type ComposeFacts, type ComposeGunicorn, type ComposeServiceFacts } from './facts';

export const COMPOSE_LANGUAGE_ID = 'dockercompose';

/** The names `docker compose` looks for, and the variants projects keep beside them (`docker-compose.prod.yml`). */
export function isComposePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^(docker-compose[^/]*|compose(\.[^/]+)?)\.ya?ml$/.test(base);
}

function version(context: AnalysisContext<ComposeDocument>): string {
  return gunicornVersionOf(context.project, context.path);
}

function symbols(context: AnalysisContext<ComposeDocument>): SymbolResult[] {
  return context.document.services.map((service) => ({
    name: service.name,
    detail: service.image?.value ?? (service.build ? `build: ${service.build.context}` : undefined),
    kind: 'key' as const,
    range: { start: service.nameRange.start, end: Math.max(service.nameRange.end, service.range.end) },
    selectionRange: service.nameRange,
  }));
}

export const composeFormat: FormatSupport<ComposeDocument> = {
  language: COMPOSE_LANGUAGE_ID,
  matches: (path) => isComposePath(path),
  parse: (text, path) => parseCompose(text, path),
  ...commandHostFeatures<ComposeDocument>({ sites: commandSites, version }),
  symbols,
};
