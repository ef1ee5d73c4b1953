/**
 * Where gunicorn is started from. Each host format (a systemd unit, a Procfile, and next a Dockerfile, a compose
 * file, a manifest, supervisord) has one reader here that turns its files into HostInvocations: where the command
 * is, its parsed command line, its environment and working directory, and what supervises it. Everything else
 * (config discovery, settings, binds, the app, requirements) build.ts derives the same way for every host, so a
 * new host format adds a reader to HOST_READERS and nothing else.
 */
import type { Project } from '../core/format';
import type { GunicornInvocation } from '../commandline/invocation';
import { dockerfileHostReader } from './fromDockerfile';
import { composeHostReader } from './fromCompose';
import { kubernetesHostReader } from './fromKubernetes';
import { procfileHostReader } from './fromProcfile';
import { supervisordHostReader } from './fromSupervisord';
import { systemdHostReader } from './fromSystemd';
import type { ContainerFacts, HostKind, Place, SocketUnit, Sourced, Supervisor } from './model';
import type { NginxFile } from './nginxProxies';
import { nginxFileOf } from './sources';

/** What a host format tells about one gunicorn it starts. */
export interface HostInvocation {
  host: HostKind;
  hostPath: string;
  command: Place;
  /** The parsed command line, with offsets in `commandPath`. */
  commandLine?: GunicornInvocation;
  commandPath?: string;
  /** GUNICORN_CMD_ARGS, parsed, with offsets in its own file. */
  cmdArgs?: { invocation: GunicornInvocation; path: string };
  environment: Map<string, Sourced<string>>;
  /** The working directory as deployed. */
  workingDirectory?: Sourced<string>;
  /** When the host runs gunicorn from a folder of the workspace itself (a Procfile's folder). */
  workingFolder?: string;
  supervisor?: Supervisor;
  socketUnits: SocketUnit[];
  /** When gunicorn runs in a container: the image and how the container runs it. */
  container?: ContainerFacts;
}

/** A claimed file, as a reader sees it. */
export interface ClaimedFile {
  path: string;
  language: string;
  document: unknown;
}

export interface HostReader {
  /** A name for logs. */
  name: string;
  /** Reads the claimed files it knows (it picks them by language and document shape) into hosts. */
  read(project: Project, files: readonly ClaimedFile[]): { hosts: HostInvocation[]; socketUnits?: SocketUnit[] };
}

/** Every host format's reader. */
export const HOST_READERS: readonly HostReader[] = [
  systemdHostReader,
  procfileHostReader,
  dockerfileHostReader,
  supervisordHostReader,
  composeHostReader,
  kubernetesHostReader,
];

/** The facts the model is built from. */
export interface WorkspaceFacts {
  /** gunicorn config files (claimed as such). */
  configs: string[];
  nginx: NginxFile[];
  hosts: HostInvocation[];
  socketUnits: SocketUnit[];
}

/** Reads the facts of every file the project's formats claim; one failing reader costs only its own hosts. */
export function collectFacts(project: Project, paths: readonly string[], onError?: (what: string, error: unknown) => void): WorkspaceFacts {
  const facts: WorkspaceFacts = { configs: [], nginx: [], hosts: [], socketUnits: [] };
  const claimed: ClaimedFile[] = [];
  for (const file of paths) {
    const parsed = project.parsed(file);
    if (!parsed) continue;
    claimed.push({ path: file, language: parsed.language, document: parsed.document });
    if (parsed.language === 'python') facts.configs.push(file);
    else if (parsed.language === 'nginx') {
      const nginx = nginxFileOf(project, file);
      if (nginx) facts.nginx.push(nginx);
    }
  }
  for (const reader of HOST_READERS) {
    try {
      const read = reader.read(project, claimed);
      facts.hosts.push(...read.hosts);
      facts.socketUnits.push(...(read.socketUnits ?? []));
    } catch (error) {
      onError?.(`host reader ${reader.name}`, error);
    }
  }
  return facts;
}
