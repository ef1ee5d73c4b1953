/**
 * What a compose file tells the deployment: each service, and for the ones that run gunicorn by their own
 * `command:`/`entrypoint:`, the command line (a CommandSite where its characters map one to one onto the file, so
 * the command-line checks, hovers and completion work in place) and GUNICORN_CMD_ARGS from `environment:`.
 */
import type { GunicornInvocation } from '../../commandline/invocation';
import type { CommandSite } from '../../commandline/site';
import { containerCmdArgs, containerGunicorn, environmentValues, type ContainerGunicorn } from '../../commandline/containerCommand';
import type { OffsetRange } from '../../core/text';
import type { ComposeDocument, ComposeService } from './document';

/** The gunicorn a service runs by its own `entrypoint:` (program part) and `command:` (arguments part). */
export type ComposeGunicorn = ContainerGunicorn<'entrypoint' | 'command'>;

export interface ComposeServiceFacts {
  service: ComposeService;
  gunicorn?: ComposeGunicorn;
  cmdArgs?: { invocation: GunicornInvocation; site?: CommandSite; range: OffsetRange };
}

export interface ComposeFacts {
  path: string;
  services: ComposeServiceFacts[];
}

const cache = new WeakMap<ComposeDocument, ComposeFacts>();

export function composeFacts(document: ComposeDocument): ComposeFacts {
  let facts = cache.get(document);
  if (!facts) {
    facts = { path: document.path, services: document.services.map((service) => serviceFacts(document.path, service)) };
    cache.set(document, facts);
  }
  return facts;
}

function serviceFacts(path: string, service: ComposeService): ComposeServiceFacts {
  const facts: ComposeServiceFacts = { service };
  const gunicorn = containerGunicorn({
    host: 'compose',
    path,
    ...(service.entrypoint ? { program: { key: 'entrypoint' as const, value: service.entrypoint } } : {}),
    ...(service.command ? { args: { key: 'command' as const, value: service.command } } : {}),
    environment: environmentValues(service.environment),
    ...(service.workingDir ? { workingDirectory: service.workingDir.value } : {}),
  });
  if (gunicorn) facts.gunicorn = gunicorn;
  const cmdArgs = containerCmdArgs(service.environment, path, 'compose');
  if (cmdArgs) facts.cmdArgs = cmdArgs;
  return facts;
}

/** Every site of the file: gunicorn command lines and GUNICORN_CMD_ARGS values whose offsets are exact. */
export function commandSites(document: ComposeDocument): CommandSite[] {
  return composeFacts(document).services.flatMap((facts) =>
    [facts.gunicorn?.site, facts.cmdArgs?.site].filter((site): site is CommandSite => site !== undefined),
  );
}
