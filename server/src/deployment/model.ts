/**
 * The deployment model: what every file of a workspace says about how gunicorn runs, linked into deployments.
 * Formats yield facts; build.ts links them; the cross-file checks in rules/ read only these types, so a check can
 * be tested with a small hand-built model as well as with real files. Every fact carries the place it came from,
 * so a finding lands on the line a user must change and names the others as related places.
 *
 * Nothing here is guessed: a value that depends on the environment or on a call is `unknown`, and a check that
 * needs it stays quiet.
 */
import type { OffsetRange } from '../core/text';
import type { ConfigModel } from '../formats/gunicorn/model';
import type { RequirementsInfo } from '../formats/requirements/types';

/** A range in a workspace file (absolute path). */
export interface Place {
  path: string;
  range: OffsetRange;
}

export interface Sourced<T> {
  value: T;
  place: Place;
}

// --- gunicorn settings -------------------------------------------------------------------------------------------

/** A setting's value as far as parsing tells: JSON-like literals, or unknown (environment, call, branch). */
export type SettingValue =
  | { known: true; value: string | number | boolean | null | string[] }
  | { known: false; /** The source text, for messages ("$WORKERS", "multiprocessing.cpu_count() * 2 + 1"). */ text?: string };

/** Where gunicorn takes a setting from, lowest priority first (gunicorn's own order). */
export type SettingSource = 'default' | 'config' | 'env' | 'command-line';

export interface SettingAssignment {
  source: SettingSource;
  value: SettingValue;
  /** The value as written (flag value, assigned expression); absent for defaults. */
  place?: Place;
  /** The whole statement or flag with its value, for fixes that remove it. */
  statement?: Place;
  /** The flag as written (`-w`, `--workers`) when it comes from a command line or GUNICORN_CMD_ARGS. */
  flag?: string;
}

/** The value gunicorn ends up with, and every lower-priority assignment it overrides (for hover). */
export interface EffectiveSetting extends SettingAssignment {
  name: string;
  overridden: SettingAssignment[];
}

// --- endpoints ---------------------------------------------------------------------------------------------------

/**
 * A socket address, compared as nginx compares them (formats/nginx/addresses.ts `SocketAddress.key`):
 * `unix /run/app.sock`, `4 127.0.0.1 8000`, `6 0:0:0:0:0:0:0:1 8000`, `name web 8000` for host names.
 */
export interface Endpoint {
  kind: 'unix' | 'tcp' | 'fd';
  key: string;
  /** As a person writes it: `unix:/run/app.sock`, `127.0.0.1:8000`. */
  text: string;
  /** unix sockets. */
  socketPath?: string;
  /** tcp: the host as written (an address or a name); '' or '0.0.0.0' or '::' mean every interface. */
  host?: string;
  port?: number;
}

export interface BoundEndpoint {
  endpoint: Endpoint;
  place: Place;
  /** Who creates the socket: gunicorn itself, or a systemd `.socket` unit handing it over (socket activation). */
  via: 'gunicorn' | 'systemd-socket';
}

// --- the app -----------------------------------------------------------------------------------------------------

export type AppKind = 'wsgi' | 'asgi';

export interface DatabasePool {
  place: Place;
  library: 'sqlalchemy' | 'sqlalchemy-async' | 'flask-sqlalchemy' | 'psycopg2-pool' | 'psycopg-pool' | 'django';
  /** The module-level name the engine or pool is bound to (`engine`), when it is one. */
  variable?: string;
  /** The dotted module that defines it (`myapp.db`), to import it from a hook. */
  module?: string;
}

export interface AppFacts {
  /** The target as written: `myapp.wsgi:app`, `myapp:create_app()`. */
  target: Sourced<string>;
  module: string;
  /** The variable or factory name; `application` when the target names none. */
  variable: string;
  /** `create_app()`: the target calls a factory. */
  factory: boolean;
  /**
   * found: the module and the name exist; module-missing: no such module in the workspace (it may be installed, so
   * nothing is said); name-missing: the module exists and defines no such name (or the factory is not a function).
   */
  resolution: 'found' | 'module-missing' | 'name-missing' | 'unknown';
  /** The module's file in the workspace. */
  file?: string;
  /** Where the variable or factory is defined. */
  definition?: Place;
  kind?: Sourced<AppKind> & { framework: string };
  /** Every workspace module file read to learn these facts (the app module and what it imports, bounded). */
  modules: string[];
  /** Database engines and pools created when the app is imported. */
  pools: DatabasePool[];
  /** CUDA touched at import. */
  cuda: Place[];
  /** Heavy packages imported and models loaded at import (formats/python/heavy.ts): `what` names them for messages. */
  heavy: (Place & { kind: 'import' | 'model'; what: string; why: string })[];
  prometheus?: { place: Place; multiprocessMode: boolean; startHttpServer?: Place };
  /** `signal.signal(SIGTERM|SIGINT|SIGQUIT, ...)` at import. */
  signalHandlers: (Place & { signal: string })[];
  /** gevent/eventlet monkey-patching in the app. */
  monkeyPatches: Place[];
}

// --- where gunicorn runs ---------------------------------------------------------------------------------------

export type HostKind = 'config' | 'systemd' | 'procfile' | 'dockerfile' | 'compose' | 'kubernetes' | 'supervisord' | 'script';

/** What starts and stops gunicorn: a unit, a container runtime, a process manager. */
export interface Supervisor {
  kind: 'systemd' | 'docker' | 'compose' | 'kubernetes' | 'supervisord' | 'heroku';
  path: string;
  /** The unit, service or program name. */
  name?: string;
  /** systemd `Type=` (`simple`, `notify`, `forking`...), as written; absent when not set. */
  serviceType?: Sourced<string>;
  /** How long the supervisor waits after the stop signal before it kills; `place` absent when it is the default. */
  stopTimeout?: { seconds: number; place?: Place; setting: string };
  /** The supervisor reloads gunicorn with SIGHUP (`ExecReload=kill -HUP $MAINPID`). */
  reloadsWithHup?: Place;
  /** systemd PrivateTmp= (a /tmp of its own). */
  privateTmp?: Place;
  user?: Sourced<string>;
  group?: Sourced<string>;
  /**
   * systemd RuntimeDirectory= names, one per word (`myapp`, `myapp/sub`); [] when none. Absent when the unit's
   * directives were not read (or the supervisor is not systemd): then limitNofile is unknown too, not "not set".
   */
  runtimeDirectories?: Sourced<string>[];
  /** systemd LimitNOFILE= as written (unit and drop-ins, last wins); absent when not set (see runtimeDirectories). */
  limitNofile?: Sourced<string>;
  /** The supervisor's own entry that runs gunicorn (ExecStart=, CMD, command:): related place for findings. */
  command: Place;
}

/** A systemd `.socket` unit that hands its sockets to a service. */
export interface SocketUnit {
  path: string;
  name?: string;
  listen: BoundEndpoint[];
  socketUser?: Sourced<string>;
  socketGroup?: Sourced<string>;
  /** Octal, `0660`; systemd's default is 0666. */
  socketMode?: Sourced<string>;
}

/**
 * When gunicorn runs in a container: what the image and the runtime (Docker, compose, Kubernetes) say. Filled by the
 * container host readers; every field is optional and absent means unknown.
 */
export interface ContainerFacts {
  /** What runs the container. */
  runtime: 'docker' | 'compose' | 'kubernetes';
  /** The Dockerfile of the image, when the workspace has it (the last stage is the image that runs). */
  dockerfile?: string;
  /** What is PID 1: gunicorn itself (exec form, `exec gunicorn`), a shell (shell form, `sh -c` without exec), a
   * wrapper script, or an init (tini, dumb-init, `--init`, compose `init: true`). */
  pid1?: Sourced<'gunicorn' | 'shell' | 'script' | 'init'>;
  /** The init in front of everything, when one is (tini, dumb-init, compose `init: true`). */
  init?: Sourced<string>;
  /** The user the process runs as (`USER`, `user:`, `securityContext.runAsUser`); absent means root. */
  user?: Sourced<string>;
  /** The CPU limit in cores (`cpus:`, `deploy.resources.limits.cpus`, `resources.limits.cpu`). */
  cpuLimit?: Sourced<number>;
  /** Ports the container listens on as declared (`EXPOSE`, `ports:` container side, `containerPort`). */
  containerPorts: Sourced<number>[];
  /** Kubernetes probes. */
  probes: { kind: 'liveness' | 'readiness' | 'startup'; place: Place }[];
  /** Host names other containers reach this one by (compose service name and aliases, Kubernetes Service names). */
  hostnames: string[];
  /** `COPY`/`ADD` into the image: workspace source (absolute) to image destination, for paths inside the image. */
  copies: { source: string; destination: string; place: Place }[];
  /** `WORKDIR` (or `working_dir:`, `workingDir:`) inside the image. */
  workdir?: Sourced<string>;
  /** The shell-form `CMD`/`ENTRYPOINT` that makes /bin/sh PID 1 (container/shell-form-cmd reports it, not no-init). */
  shellForm?: Place;
  /** `COPY`/`ADD` whose source is no known workspace path (`--from=stage`, globs, URLs): they may put anything there. */
  opaqueCopies?: { destination: string; place: Place }[];
  /**
   * `-c PATH` inside the image traced back through COPY: the workspace file a COPY brings there and whether the
   * workspace has it. Absent when no COPY from the workspace covers the path, or one we cannot map (another stage,
   * a glob) may put it there: then nothing is known.
   */
  configSource?: { imagePath: string; file: string; exists: boolean; copy: Place };
  /** The image the Dockerfile builds on (`python:3.12-slim`), as written: what it sets (a USER) is not in the workspace. */
  baseImage?: Sourced<string>;
  /**
   * How programs outside the container reach it (none of them can reach a socket bound on loopback inside): a port
   * compose publishes on the host, a Kubernetes Service port routed to this container.
   */
  entrances?: ContainerEntrance[];
  /**
   * Where variables the workspace does not show may enter the container's environment (`env_file:`, `envFrom:`, a
   * `valueFrom:` or pass-through PORT, a base image that is not an official one): PORT, which changes gunicorn's
   * default bind, may be among them.
   */
  openEnvironment?: Place;
}

/** One way into a container from outside it. */
export interface ContainerEntrance {
  kind: 'published' | 'service';
  /** The port inside the container that connections arrive at. */
  port: number;
  /** The `ports:` entry, or the Service's `targetPort` (its port item when there is none). */
  place: Place;
  /** For messages: `compose publishes 8080:8000`, `Service web (port 80)`. */
  label: string;
  /** Services: the port clients connect to and the names they use, to follow `proxy_pass http://web:80` through it. */
  servicePort?: number;
  hostnames?: string[];
}

/** One gunicorn process as some file starts it (or as a config file alone implies). */
export interface Invocation {
  /** Stable within a model: the host file and offset. */
  id: string;
  host: HostKind;
  /** The file that starts gunicorn (the config itself for host `config`). */
  hostPath: string;
  /** The command that runs gunicorn, or the config's first statement for host `config`. */
  command: Place;
  supervisor?: Supervisor;
  /** The config gunicorn loads: `-c PATH`, else `./gunicorn.conf.py` in the working directory. */
  config?: {
    /** The workspace file, when found. */
    path?: string;
    model?: ConfigModel;
    text?: string;
    /** `-c PATH` as written (absent for the default config file). */
    written?: Sourced<string>;
    /** Where gunicorn would load it from when it is the default file (the working directory, if known). */
    expectedFolder?: string;
  };
  /** The working directory in the deployment (WorkingDirectory=, WORKDIR, --chdir) and its workspace folder. */
  workingDirectory?: Sourced<string> & { workspaceFolder?: string };
  /** Effective settings by name: only the settings something sets, plus defaults a check asked for through `setting()`. */
  settings: Map<string, EffectiveSetting>;
  app?: AppFacts;
  requirements?: RequirementsInfo;
  /** What gunicorn listens on (bind settings, or the sockets a `.socket` unit passes). */
  binds: BoundEndpoint[];
  socketUnits: SocketUnit[];
  /** Environment the host sets (Environment=, ENV, env:), by name. */
  environment: Map<string, Sourced<string>>;
  /** The gunicorn version the checks assume for this invocation. */
  gunicornVersion: string;
  /** When gunicorn runs in a container. */
  container?: ContainerFacts;
}

// --- nginx -------------------------------------------------------------------------------------------------------

export interface NginxProxy {
  /** The `proxy_pass` argument. */
  place: Place;
  target: string;
  /** The addresses it reaches: the target itself, or the servers of the upstream it names. Empty: unknown. */
  endpoints: Sourced<Endpoint>[];
  /** The upstream block it names, when it names one. */
  upstream?: Sourced<string>;
  /** The location it sits in (`/`, `/api/`, `@app`). */
  location?: Sourced<string>;
  /** The server block it sits in (first `server_name`), for messages. */
  serverName?: string;
  /** Effective values at this place, in seconds / bytes; absent means nginx's default. */
  readTimeout?: Sourced<number>;
  clientMaxBodySize?: Sourced<number>;
  /** Effective `proxy_request_buffering` at this place; absent means nginx's default (on). */
  requestBuffering?: Sourced<boolean>;
  /** The `user` nginx's workers run as (from the main config that includes this file), when known. */
  nginxUser?: Sourced<string>;
}

// --- the whole -------------------------------------------------------------------------------------------------

/** One gunicorn deployment: the invocation and the nginx proxies that reach it. */
export interface Deployment {
  invocation: Invocation;
  proxies: NginxProxy[];
}

export interface DeploymentModel {
  root: string;
  invocations: Invocation[];
  /** Every nginx proxy_pass of the workspace, linked or not. */
  proxies: NginxProxy[];
  socketUnits: SocketUnit[];
  deployments: Deployment[];
  /** Which files each file's findings depend on (file -> files whose facts it read), for re-checks. */
  dependencies: Map<string, Set<string>>;
}

/** A finding of a cross-file check: it says which file it belongs to. */
export interface PlacedFinding {
  path: string;
}
