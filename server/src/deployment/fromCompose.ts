/**
 * Compose services that run gunicorn by their own `command:`/`entrypoint:`. Compose stops a container with its
 * `stop_signal` (SIGTERM) and kills it `stop_grace_period` later (10 s by default). Other containers reach a
 * service by its name, its network aliases and its `container_name`; the container's working folder in the
 * workspace is the build context when the service is built from it.
 */
import * as path from 'node:path';
import type { Project } from '../core/format';
import type { FileEdit } from '../core/findings';
import { lineStartOf } from '../core/yaml';
import { composeFacts, parseCompose, type ComposeDocument, type ComposeServiceFacts } from '../formats/compose/index';
import { containerFactsOf, imageOf, type ImageFacts } from './fromDockerfile';
import { isOfficialBaseImage } from './baseImages';
import { commandPid1 } from './containerPid1';
import type { HostInvocation, HostReader } from './hosts';
import type { ContainerFacts, Place, Sourced, Supervisor } from './model';

/** Compose's default `stop_grace_period`. */
export const COMPOSE_DEFAULT_STOP_GRACE = 10;

function isComposeDocument(value: unknown): value is ComposeDocument {
  const doc = value as ComposeDocument | undefined;
  return !!doc && typeof doc.path === 'string' && Array.isArray(doc.services) && typeof doc.templated === 'boolean';
}

function sourced(file: string, value: { value: string; range: { start: number; end: number } } | undefined): Sourced<string> | undefined {
  return value ? { value: value.value, place: { path: file, range: value.range } } : undefined;
}

/** The folder the image is built from, when it is in the workspace. */
function buildContext(project: Project, file: string, facts: ComposeServiceFacts): string | undefined {
  const context = facts.service.build?.context;
  if (context === undefined || /^[a-z]+:\/\//i.test(context) || /[$]/.test(context) || context.startsWith('git@')) return undefined;
  const folder = path.resolve(path.dirname(file), context);
  return project.isDirectory(folder) ? folder : undefined;
}

/** The image a service builds from a workspace Dockerfile (`build.dockerfile`, else `Dockerfile` in the context). */
function builtImage(project: Project, context: string | undefined, facts: ComposeServiceFacts): ImageFacts | undefined {
  if (!context) return undefined;
  const dockerfile = facts.service.build?.dockerfile ?? 'Dockerfile';
  if (/[$]/.test(dockerfile)) return undefined;
  try {
    return imageOf(project, path.resolve(context, dockerfile), context);
  } catch {
    return undefined;
  }
}

/**
 * Where variables the workspace does not show may enter the service's environment: `env_file:` (not read), a PORT
 * passed through from the shell that runs compose, or an image that is not built here from an official base (its
 * own ENV is unknown).
 */
function openEnvironmentOf(facts: ComposeServiceFacts, image: ImageFacts | undefined): { start: number; end: number } | undefined {
  const { service } = facts;
  if (service.envFile) return service.envFile;
  const passed = service.environment.find((entry) => entry.name === 'PORT' && entry.value === undefined);
  if (passed) return passed.range;
  if (!image) return service.image?.range ?? service.nameRange;
  if (!isOfficialBaseImage(image.baseImage?.value)) return service.build?.range ?? service.nameRange;
  return undefined;
}

function containerOf(file: string, facts: ComposeServiceFacts, image: ImageFacts | undefined): ContainerFacts {
  const { service, gunicorn } = facts;
  const place = (range: { start: number; end: number }): Place => ({ path: file, range });
  const fromImage = image ? containerFactsOf(image, 'compose') : undefined;
  const container: ContainerFacts = {
    ...fromImage,
    runtime: 'compose',
    containerPorts: [
      ...(fromImage?.containerPorts ?? []),
      ...service.ports.flatMap((port) => (port.target !== undefined ? [{ value: port.target, place: place(port.range) }] : [])),
      ...service.expose.map((port) => ({ value: port.value, place: place(port.range) })),
    ],
    probes: [],
    hostnames: [...new Set([service.name, ...service.aliases].map((name) => name.toLowerCase()))],
    copies: fromImage?.copies ?? [],
    // Every `ports:` entry publishes on the host (a random host port when only the container side is written).
    entrances: service.ports.flatMap((port) =>
      port.target !== undefined
        ? [
            {
              kind: 'published' as const,
              port: port.target,
              place: place(port.range),
              label: `compose publishes the container's port ${port.target} on the host (${port.published ?? 'a random port'})`,
            },
          ]
        : [],
    ),
  };
  const open = openEnvironmentOf(facts, image);
  if (open) container.openEnvironment = place(open);
  if (service.init?.value) {
    container.init = { value: 'docker-init', place: place(service.init.range) };
    container.pid1 = { value: 'init', place: place(service.init.range) };
  } else if (gunicorn && image?.entrypoint) {
    // `command:` runs under the image's ENTRYPOINT: what is PID 1 depends on that script.
    delete container.pid1;
  } else if (gunicorn) {
    container.pid1 = commandPid1(gunicorn, place);
  }
  if (service.user) container.user = sourced(file, service.user);
  if (service.cpus) container.cpuLimit = { value: service.cpus.value, place: place(service.cpus.range) };
  if (service.workingDir) container.workdir = sourced(file, service.workingDir);
  return container;
}

function supervisorOf(file: string, facts: ComposeServiceFacts, command: Place): Supervisor {
  const grace = facts.service.stopGracePeriod;
  const supervisor: Supervisor = { kind: 'compose', path: file, name: facts.service.name, command };
  if (!grace) supervisor.stopTimeout = { seconds: COMPOSE_DEFAULT_STOP_GRACE, setting: 'stop_grace_period' };
  else if (grace.seconds !== undefined)
    supervisor.stopTimeout = { seconds: grace.seconds, place: { path: file, range: grace.range }, setting: 'stop_grace_period' };
  const user = sourced(file, facts.service.user);
  if (user) supervisor.user = user;
  return supervisor;
}

/**
 * A service without its own command that builds a workspace image running gunicorn: the image's command line, under
 * compose's stop timeout and the service's environment and limits. Its findings about the stop timeout land on the
 * service's `build:` (where `stop_grace_period` goes).
 */
function imageHost(file: string, facts: ComposeServiceFacts, image: ImageFacts | undefined, context: string | undefined): HostInvocation | undefined {
  if (!image?.gunicorn || facts.service.entrypoint || !facts.service.build) return undefined;
  const service: Place = { path: file, range: facts.service.build.range };
  const environment = new Map<string, Sourced<string>>(image.environment);
  for (const entry of facts.service.environment) {
    if (entry.value !== undefined) environment.set(entry.name, { value: entry.value, place: { path: file, range: entry.range } });
  }
  const host: HostInvocation = {
    host: 'compose',
    hostPath: file,
    command: image.command ?? image.gunicorn.command,
    commandLine: image.gunicorn.invocation,
    commandPath: image.gunicorn.site.path,
    environment,
    supervisor: supervisorOf(file, facts, service),
    socketUnits: [],
    container: containerOf(file, facts, image),
  };
  if (facts.cmdArgs) host.cmdArgs = { invocation: facts.cmdArgs.invocation, path: file };
  else if (image.cmdArgs) host.cmdArgs = image.cmdArgs;
  const workdir = sourced(file, facts.service.workingDir) ?? image.workdir;
  if (workdir) host.workingDirectory = workdir;
  const folder = image.workingFolder ?? context;
  if (folder) host.workingFolder = folder;
  return host;
}

export const composeHostReader: HostReader = {
  name: 'compose',
  read(project, files) {
    const hosts: HostInvocation[] = [];
    for (const file of files) {
      if (file.language !== 'dockercompose' || !isComposeDocument(file.document) || file.document.templated) continue;
      for (const facts of composeFacts(file.document).services) {
        const context = buildContext(project, file.path, facts);
        const image = builtImage(project, context, facts);
        const gunicorn = facts.gunicorn;
        if (!gunicorn) {
          const host = imageHost(file.path, facts, image, context);
          if (host) hosts.push(host);
          continue;
        }
        const command: Place = { path: file.path, range: gunicorn.range };
        const environment = new Map<string, Sourced<string>>(image?.environment ?? []);
        for (const entry of facts.service.environment) {
          if (entry.value !== undefined) environment.set(entry.name, { value: entry.value, place: { path: file.path, range: entry.range } });
        }
        const host: HostInvocation = {
          host: 'compose',
          hostPath: file.path,
          command,
          commandLine: gunicorn.invocation,
          commandPath: file.path,
          environment,
          supervisor: supervisorOf(file.path, facts, command),
          socketUnits: [],
          container: containerOf(file.path, facts, image),
        };
        if (facts.cmdArgs) host.cmdArgs = { invocation: facts.cmdArgs.invocation, path: file.path };
        else if (image?.cmdArgs) host.cmdArgs = image.cmdArgs;
        const workdir = sourced(file.path, facts.service.workingDir) ?? image?.workdir;
        if (workdir) host.workingDirectory = workdir;
        const folder = facts.service.workingDir ? context : (image?.workingFolder ?? context);
        if (folder) host.workingFolder = folder;
        hosts.push(host);
      }
    }
    return { hosts };
  },
};

/**
 * The edit that sets a service's `stop_grace_period` to `seconds`: its own value replaced, else a new key above the
 * service's first key at its indentation (block style only; a merged-in value stays for the other services).
 */
export function stopGracePeriodEdit(text: string, file: string, serviceName: string, seconds: number): FileEdit | undefined {
  const service = parseCompose(text, file).services.find((candidate) => candidate.name === serviceName);
  if (!service) return undefined;
  const value = `${seconds}s`;
  const own = service.stopGracePeriod;
  if (own && own.range.start >= service.range.start && own.range.end <= service.range.end) return { path: file, range: own.range, newText: value };
  if (!service.firstKey) return undefined;
  const at = lineStartOf(text, service.firstKey.offset);
  return { path: file, range: { start: at, end: at }, newText: `${' '.repeat(service.firstKey.column)}stop_grace_period: ${value}\n` };
}
