/**
 * What manifests tell the deployment: each workload's containers, and for the ones that run gunicorn by their own
 * `command:`/`args:`, the command line (a CommandSite where its characters map one to one onto the file) and
 * GUNICORN_CMD_ARGS from `env:`.
 */
import type { GunicornInvocation } from '../../commandline/invocation';
import type { CommandSite } from '../../commandline/site';
import { containerCmdArgs, containerGunicorn, environmentValues, type ContainerGunicorn as SharedContainerGunicorn } from '../../commandline/containerCommand';
import type { OffsetRange } from '../../core/text';
import type { ManifestContainer, ManifestDocument, ManifestObject } from './document';

/** The gunicorn a container runs by its own `command:` (program part) and `args:` (arguments part). */
export type ContainerGunicorn = SharedContainerGunicorn<'command' | 'args'>;

export interface ContainerFactsOf {
  object: ManifestObject;
  container: ManifestContainer;
  gunicorn?: ContainerGunicorn;
  cmdArgs?: { invocation: GunicornInvocation; site?: CommandSite; range: OffsetRange };
}

export interface ManifestFacts {
  path: string;
  containers: ContainerFactsOf[];
}

const cache = new WeakMap<ManifestDocument, ManifestFacts>();

export function manifestFacts(document: ManifestDocument): ManifestFacts {
  let facts = cache.get(document);
  if (!facts) {
    facts = {
      path: document.path,
      containers: document.objects.flatMap((object) => (object.pod?.containers ?? []).map((container) => containerFacts(document.path, object, container))),
    };
    cache.set(document, facts);
  }
  return facts;
}

function containerFacts(path: string, object: ManifestObject, container: ManifestContainer): ContainerFactsOf {
  const facts: ContainerFactsOf = { object, container };
  const gunicorn = containerGunicorn({
    host: 'kubernetes',
    path,
    ...(container.command ? { program: { key: 'command' as const, value: container.command } } : {}),
    ...(container.args ? { args: { key: 'args' as const, value: container.args } } : {}),
    environment: environmentValues(container.env),
    ...(container.workingDir ? { workingDirectory: container.workingDir.value } : {}),
  });
  if (gunicorn) facts.gunicorn = gunicorn;
  const cmdArgs = containerCmdArgs(container.env, path, 'kubernetes');
  if (cmdArgs) facts.cmdArgs = cmdArgs;
  return facts;
}

/** Every site of the file whose offsets are exact. */
export function commandSites(document: ManifestDocument): CommandSite[] {
  return manifestFacts(document).containers.flatMap((facts) =>
    [facts.gunicorn?.site, facts.cmdArgs?.site].filter((site): site is CommandSite => site !== undefined),
  );
}
