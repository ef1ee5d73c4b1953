/**
 * Builds the deployment model of a workspace: the facts of every claimed file, linked. Every gunicorn a file
 * starts becomes an Invocation (a systemd service, a Procfile line; a config file that nothing starts stands for
 * `gunicorn -c that-file`), with its config, effective settings, binds, app, requirements and supervisor; nginx
 * proxies are linked to the invocations whose sockets they reach.
 */
import * as path from 'node:path';
import type { Project } from '../core/format';
import { isInside } from '../core/paths';
import { requirementsFor } from '../formats/requirements/cache';
import { gunicornVersionFor } from '../formats/requirements/gunicornVersion';
import { gunicornBindEndpoint, reaches, reachesByName } from './addresses';
import { analyseApp } from './app';
import { portBehindName } from './containerEntrances';
import { listSetting, mergeAssignments, settingOf, stringSetting } from './effective';
import type { BoundEndpoint, DeploymentModel, Invocation, NginxProxy, SettingAssignment, Sourced } from './model';
import { nginxProxies } from './nginxProxies';
import { commandLineAssignments, configAssignments } from './settingValues';
import type { HostInvocation, WorkspaceFacts } from './hosts';
import { configDocument } from './sources';
import { resolveConfigFile, workspaceFolderFor } from './workspacePaths';

const DEFAULT_CONFIG_NAME = 'gunicorn.conf.py';

export function buildModel(project: Project, facts: WorkspaceFacts): DeploymentModel {
  const invocations: Invocation[] = [];
  const startedConfigs = new Set<string>();
  for (const host of facts.hosts) {
    const invocation = invocationOf(project, host);
    if (invocation.config?.path) startedConfigs.add(invocation.config.path);
    invocations.push(invocation);
  }
  for (const config of facts.configs) {
    if (startedConfigs.has(config)) continue;
    const invocation = configOnlyInvocation(project, config);
    if (invocation) invocations.push(invocation);
  }
  // Linked on first use: with nothing that starts gunicorn no check asks (only the map draws them), and an
  // nginx-only workspace of thousands of proxy_passes need not link them at every edit.
  let proxies: NginxProxy[] | undefined;
  const allProxies = (): NginxProxy[] => (proxies ??= nginxProxies(facts.nginx));
  const socketUnits = facts.socketUnits;
  const deployments = invocations.map((invocation) => ({
    invocation,
    proxies: allProxies().filter((proxy) => reachesInvocation(proxy, invocation)),
  }));
  const model: DeploymentModel = {
    root: project.root,
    invocations,
    get proxies() {
      return allProxies();
    },
    socketUnits,
    deployments,
    dependencies: new Map(),
  };
  model.dependencies = dependenciesOf(model);
  return model;
}

function reachesInvocation(proxy: NginxProxy, invocation: Invocation): boolean {
  // In containers, `proxy_pass http://web:8000` names the container (compose service, Kubernetes Service, followed
  // through its port to the targetPort).
  const container = invocation.container;
  const hostnames = container?.hostnames ?? [];
  return proxy.endpoints.some((target) => {
    const port = container ? portBehindName(container, target.value) : undefined;
    const inside = port === undefined ? target.value : { ...target.value, port };
    return invocation.binds.some((bound) => reaches(target.value, bound.endpoint) || reachesByName(inside, bound.endpoint, hostnames));
  });
}

/** A config file nothing starts: read as `gunicorn -c FILE` run from its own folder. */
function configOnlyInvocation(project: Project, file: string): Invocation | undefined {
  const doc = configDocument(project, file);
  if (!doc) return undefined;
  const folder = path.dirname(file);
  return invocationOf(
    project,
    {
      host: 'config',
      hostPath: file,
      command: { path: file, range: { start: 0, end: 0 } },
      environment: new Map(),
      workingFolder: folder,
      socketUnits: [],
    },
    file,
  );
}

function invocationOf(project: Project, host: HostInvocation, configFile?: string): Invocation {
  const commandPath = host.commandPath ?? host.hostPath;
  const workspaceFolder = host.workingFolder ?? (host.workingDirectory ? workspaceFolderFor(project, host.workingDirectory.value) : undefined);
  const invocation: Invocation = {
    id: `${host.hostPath}@${host.command.range.start}`,
    host: host.host,
    hostPath: host.hostPath,
    command: host.command,
    settings: new Map(),
    binds: [],
    socketUnits: host.socketUnits,
    environment: host.environment,
    gunicornVersion: '',
  };
  if (host.supervisor) invocation.supervisor = host.supervisor;
  if (host.container) invocation.container = host.container;
  if (host.workingDirectory) invocation.workingDirectory = { ...host.workingDirectory, workspaceFolder };

  // The config: `-c PATH`, else ./gunicorn.conf.py in the working directory (gunicorn 20+ loads it by default).
  const written = host.commandLine?.configPath;
  if (configFile) invocation.config = { path: configFile };
  else if (written && !/[$%]/.test(written.text)) {
    const found = resolveConfigFile(project, written.text, { workingFolder: workspaceFolder, hostPath: host.hostPath });
    invocation.config = { written: { value: written.text, place: { path: commandPath, range: written.range } } };
    if (found) invocation.config.path = found;
  } else if (!written && workspaceFolder) {
    const candidate = path.join(workspaceFolder, DEFAULT_CONFIG_NAME);
    invocation.config = { expectedFolder: workspaceFolder };
    if (project.exists(candidate)) invocation.config.path = candidate;
  }
  const configPath = invocation.config?.path;
  const doc = configPath ? configDocument(project, configPath) : undefined;
  if (invocation.config && doc) {
    invocation.config.model = doc.model;
    invocation.config.text = doc.text;
  }

  // Settings: config < GUNICORN_CMD_ARGS < command line.
  const byName = new Map<string, SettingAssignment[]>();
  const add = (assignments: Map<string, SettingAssignment>) => {
    for (const [name, assignment] of assignments) (byName.get(name) ?? byName.set(name, []).get(name)!).push(assignment);
  };
  if (doc && configPath) add(configAssignments(doc.model, doc.text, configPath));
  if (host.cmdArgs) add(commandLineAssignments(host.cmdArgs.invocation, host.cmdArgs.path, 'env'));
  if (host.commandLine) add(commandLineAssignments(host.commandLine, commandPath, 'command-line'));
  for (const [name, assignments] of byName) {
    const merged = mergeAssignments(name, assignments);
    if (merged) invocation.settings.set(name, merged);
  }

  const versionFrom = configPath ?? host.hostPath;
  invocation.requirements = safely(() => requirementsFor(project, versionFrom));
  invocation.gunicornVersion = safely(() => gunicornVersionFor(project, versionFrom, invocation.requirements ?? null).version) ?? '';
  invocation.binds = bindsOf(invocation, host);
  const app = appTargetOf(invocation, host, commandPath);
  if (app) {
    invocation.app = analyseApp(project, app, { searchRoots: searchRoots(project, invocation, host, workspaceFolder) });
  }
  return invocation;
}

/** Under socket activation gunicorn serves the sockets systemd hands it (LISTEN_FDS) and ignores `bind`. */
function bindsOf(invocation: Invocation, host: HostInvocation): BoundEndpoint[] {
  const handed = host.socketUnits.flatMap((unit) => unit.listen);
  if (handed.length > 0) return handed;
  const setting = settingOf(invocation, 'bind');
  const addresses = listSetting(invocation, 'bind');
  if (!addresses) return [];
  const place = setting.place ?? invocation.command;
  return addresses.flatMap((address) => {
    const endpoint = gunicornBindEndpoint(address);
    return endpoint ? [{ endpoint, place, via: 'gunicorn' as const }] : [];
  });
}

/** The app target: the command line's positional argument, else `wsgi_app` in the config. */
function appTargetOf(invocation: Invocation, host: HostInvocation, commandPath: string): Sourced<string> | undefined {
  const positional = host.commandLine?.appTarget;
  if (positional) return /[$%`]/.test(positional.text) ? undefined : { value: positional.text, place: { path: commandPath, range: positional.range } };
  const wsgiApp = invocation.settings.get('wsgi_app');
  const value = stringSetting(invocation, 'wsgi_app');
  return value && wsgiApp?.place ? { value, place: wsgiApp.place } : undefined;
}

/** Where the app's modules are imported from: --chdir, pythonpath, the working directory, then near the host file. */
function searchRoots(project: Project, invocation: Invocation, host: HostInvocation, workspaceFolder: string | undefined): string[] {
  const roots: string[] = [];
  const add = (folder: string | undefined) => {
    if (folder && isInside(project.root, folder) && !roots.includes(folder)) roots.push(folder);
  };
  const base = workspaceFolder ?? (invocation.config?.path ? path.dirname(invocation.config.path) : path.dirname(host.hostPath));
  const mapped = (deployed: string) => (path.isAbsolute(deployed) ? workspaceFolderFor(project, deployed) : path.join(base, deployed));
  const chdir = stringSetting(invocation, 'chdir');
  if (chdir) add(mapped(chdir));
  const pythonpath = stringSetting(invocation, 'pythonpath');
  for (const entry of pythonpath?.split(',') ?? []) if (entry.trim()) add(mapped(entry.trim()));
  add(workspaceFolder);
  if (invocation.config?.path) add(path.dirname(invocation.config.path));
  for (let folder = path.dirname(host.hostPath), i = 0; i < 32 && isInside(project.root, folder); i++) {
    add(folder);
    if (folder === project.root) break;
    folder = path.dirname(folder);
  }
  add(project.root);
  add(path.join(project.root, 'src'));
  return roots;
}

/** Each file of a deployment depends on every other file of it: a change to one may change the findings of all. */
function dependenciesOf(model: DeploymentModel): Map<string, Set<string>> {
  const dependencies = new Map<string, Set<string>>();
  for (const deployment of model.deployments) {
    const { invocation } = deployment;
    const files = new Set<string>([invocation.hostPath, invocation.command.path]);
    if (invocation.config?.path) files.add(invocation.config.path);
    for (const unit of invocation.socketUnits) files.add(unit.path);
    for (const module of invocation.app?.modules ?? []) files.add(module);
    for (const file of invocation.requirements?.files ?? []) files.add(file);
    for (const proxy of deployment.proxies) {
      files.add(proxy.place.path);
      for (const endpoint of proxy.endpoints) files.add(endpoint.place.path);
    }
    for (const file of files) {
      const set = dependencies.get(file) ?? dependencies.set(file, new Set()).get(file)!;
      for (const other of files) if (other !== file) set.add(other);
    }
  }
  return dependencies;
}

function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
