/**
 * Dockerfiles whose final image runs gunicorn. The image's command (ENTRYPOINT and CMD combined), followed into an
 * entrypoint script that a COPY brings from the workspace, is the invocation; Docker stops it with `docker stop`
 * (SIGTERM, or STOPSIGNAL, then SIGKILL after 10 s unless `-t` says otherwise). ENV is its environment, WORKDIR its
 * working directory, mapped back into the workspace through COPY (`COPY . /app` + `WORKDIR /app`: the build context
 * is the working folder).
 *
 * `imageOf(project, dockerfile, context?)` is the contract for the compose and Kubernetes readers: everything the
 * final image says, with workspace places; a runtime that overrides the command (compose `command:`/`entrypoint:`)
 * combines its words with `entrypoint`/`cmd` as Docker does, and `containerFactsOf(image, runtime)` gives the
 * ContainerFacts of a container of that image. Undefined when the file is not a parsed Dockerfile with a FROM.
 */
import * as path from 'node:path';
import * as posix from 'node:path/posix';
import type { Project } from '../core/format';
import { invocationOf } from '../commandline/site';
import type { CommandSite } from '../commandline/site';
import type { GunicornInvocation } from '../commandline/invocation';
import type { CommandWord } from '../commandline/words';
import { dockerfileSites, finalImage, readEntrypointScript, type DockerfileDocument, type DockerImage, type ImageValue } from '../formats/dockerfile/index';
import type { ComposeDocument } from '../formats/compose/index';
import type { ClaimedFile, HostInvocation, HostReader } from './hosts';
import type { ContainerFacts, Place, Sourced, Supervisor } from './model';
import { isInside } from '../core/paths';

/** Docker's stop timeout when neither `docker stop -t` nor `--stop-timeout` says otherwise. */
export const DOCKER_DEFAULT_STOP_TIMEOUT = 10;

export interface ImageCommandFacts {
  form: 'exec' | 'shell';
  words: readonly CommandWord[];
  place: Place;
}

export interface ImageCopyFacts {
  /** Workspace source (absolute). */
  source: string;
  /** Destination inside the image (absolute). */
  destination: string;
  place: Place;
}

export interface ImageFacts {
  dockerfile: string;
  /** The build context folder (the Dockerfile's folder unless the caller says otherwise). */
  context: string;
  /** The final stage's FROM. */
  stage?: Place;
  /** The instruction that starts the container (ENTRYPOINT, else CMD). */
  command?: Place;
  entrypoint?: ImageCommandFacts;
  cmd?: ImageCommandFacts;
  /** gunicorn as the image runs it: its words (in the Dockerfile or an entrypoint script) and their reading. */
  gunicorn?: {
    site: CommandSite;
    invocation: GunicornInvocation;
    /** The instruction or script line that starts it. */
    command: Place;
  };
  /** The image runs gunicorn, even where its words could not be read exactly (continuations inside a word). */
  runsGunicorn: boolean;
  /** What is PID 1 when the container starts (under the init, if any). */
  pid1?: Sourced<'gunicorn' | 'shell' | 'script' | 'init'>;
  init?: Sourced<string>;
  /** The shell-form CMD/ENTRYPOINT that makes /bin/sh PID 1 (container/shell-form-cmd reports it). */
  shellForm?: Place;
  /** The entrypoint script, when the command runs one. */
  script?: { imagePath: string; file?: string; place: Place };
  environment: Map<string, Sourced<string>>;
  /** GUNICORN_CMD_ARGS from ENV, parsed. */
  cmdArgs?: { invocation: GunicornInvocation; path: string };
  workdir?: Sourced<string>;
  /** The workspace folder WORKDIR comes from through COPY. */
  workingFolder?: string;
  user?: Sourced<string>;
  exposed: Sourced<number>[];
  /** COPY/ADD from the build context, source mapped into the workspace. */
  copies: ImageCopyFacts[];
  /** COPY/ADD whose source is not a known workspace path (`--from=`, globs, URLs, variables). */
  opaqueCopies: { destination: string; place: Place }[];
  stopSignal?: Sourced<string>;
  healthcheck?: Place;
  /** The image the final stage builds on, as written (absent for `scratch`). */
  baseImage?: Sourced<string>;
  /** The gunicorn command's `-c PATH` traced back through COPY (see ContainerFacts.configSource). */
  configSource?: ContainerFacts['configSource'];
}

function isDockerfileDocument(value: unknown): value is DockerfileDocument {
  const doc = value as DockerfileDocument | undefined;
  return !!doc && typeof doc.text === 'string' && Array.isArray(doc.stages) && Array.isArray(doc.globalArgs);
}

/**
 * Not memoised: the facts depend on other files (the entrypoint script, what the copied folders hold), and the
 * parse of the Dockerfile itself is already cached per text.
 */
export function imageOf(project: Project, dockerfilePath: string, context?: string): ImageFacts | undefined {
  const parsed = project.parsed(dockerfilePath);
  if (!parsed || parsed.language !== 'dockerfile' || !isDockerfileDocument(parsed.document)) return undefined;
  const document = parsed.document;
  const image = finalImage(document);
  if (!image) return undefined;
  const inferred = context ?? buildContextOf(project, dockerfilePath, image);
  const facts = readImage(project, document, inferred ?? path.dirname(dockerfilePath));
  // A context we could not tell: the copies may come from anywhere, so none is mapped.
  if (facts && inferred === undefined) {
    facts.opaqueCopies.push(...facts.copies.map((copy) => ({ destination: copy.destination, place: copy.place })));
    facts.copies = [];
    delete facts.workingFolder;
    delete facts.configSource;
  }
  return facts;
}

/**
 * The build context when no compose file says: the Dockerfile's folder (`docker build .`), unless the files its
 * COPY instructions name are not there, as with `docker build -f docker/Dockerfile .` from the repository root;
 * then the nearest enclosing folder that has them all. Undefined when no folder fits.
 */
function buildContextOf(project: Project, dockerfilePath: string, image: DockerImage): string | undefined {
  const named = image.copies
    .filter((copy) => copy.from === undefined)
    .flatMap((copy) => copy.sources)
    .map((source) => source.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter(
      (source) =>
        source !== '' && source !== '.' && !/[*?[$]/.test(source) && !/^[a-z]+:\/\//i.test(source) && !source.startsWith('<<') && !source.startsWith('/'),
    );
  let folder = path.dirname(dockerfilePath);
  for (let i = 0; i < 8; i++) {
    if (named.every((source) => project.exists(path.join(folder, source)))) return folder;
    if (folder === project.root || !isInside(project.root, folder)) return undefined;
    folder = path.dirname(folder);
  }
  return undefined;
}

function sourced(pathOf: string, value: ImageValue): Sourced<string> {
  return { value: value.value, place: { path: pathOf, range: value.range } };
}

function readImage(project: Project, document: DockerfileDocument, context: string): ImageFacts | undefined {
  const image = finalImage(document);
  if (!image) return undefined;
  const file = document.path;
  const place = (range: { start: number; end: number }): Place => ({ path: file, range });
  const facts: ImageFacts = {
    dockerfile: file,
    context,
    runsGunicorn: false,
    environment: new Map(),
    exposed: image.exposed.map((port) => ({ value: port.port, place: place(port.range) })),
    copies: [],
    opaqueCopies: [],
  };
  if (image.stage.from) facts.stage = place(image.stage.from.range);
  if (image.base) facts.baseImage = sourced(file, image.base);
  if (image.entrypoint) facts.entrypoint = { form: image.entrypoint.form, words: image.entrypoint.words, place: place(image.entrypoint.instruction.range) };
  if (image.cmd) facts.cmd = { form: image.cmd.form, words: image.cmd.words, place: place(image.cmd.instruction.range) };
  for (const [name, value] of image.env) facts.environment.set(name, sourced(file, value));
  if (image.user) facts.user = sourced(file, image.user);
  if (image.workdir) facts.workdir = sourced(file, image.workdir);
  if (image.stopSignal) facts.stopSignal = sourced(file, image.stopSignal);
  if (image.healthcheck) facts.healthcheck = place(image.healthcheck.range);
  readCopies(project, image, context, facts, file);
  if (image.workdir) facts.workingFolder = workspacePathInImage(facts, image.workdir.value, project)?.folder;

  const sites = dockerfileSites(document);
  if (sites.cmdArgs) facts.cmdArgs = { invocation: invocationOf(sites.cmdArgs), path: file };
  const start = image.start;
  if (!start) return facts;
  if (start.init) facts.init = sourced(file, start.init);
  const main = image.entrypoint ?? image.cmd;
  const mainPlace = main ? place(main.instruction.range) : undefined;
  if (mainPlace) facts.command = mainPlace;
  if (start.pid1 !== 'unknown' && mainPlace) facts.pid1 = { value: start.init ? 'init' : start.pid1, place: mainPlace };
  if (start.pid1 === 'shell' && main?.form === 'shell') facts.shellForm = place(main.instruction.range);
  facts.runsGunicorn = start.pid1 === 'gunicorn' || start.pid1 === 'shell' ? true : !!start.words;
  if (sites.command && start.instruction) {
    facts.gunicorn = { site: sites.command, invocation: invocationOf(sites.command), command: place(start.instruction.range) };
  }
  if (start.script) {
    const imagePath = scriptImagePath(start.script.word.text, image, facts);
    const scriptPlace = place(start.script.word.range);
    const found = imagePath ? workspacePathInImage(facts, imagePath, project) : undefined;
    const scriptFile = found?.file && project.exists(found.file) && !project.isDirectory(found.file) ? found.file : undefined;
    if (imagePath) facts.script = { imagePath, place: scriptPlace, ...(scriptFile ? { file: scriptFile } : {}) };
    const text = scriptFile ? project.readFile(scriptFile) : undefined;
    if (scriptFile && text !== undefined) followScript(facts, scriptFile, text, image, start.init !== undefined, sites.command !== undefined);
  }
  if (facts.gunicorn) facts.configSource = configSourceOf(project, facts);
  return facts;
}

/** `-c PATH` inside the image, traced back through the copies: known only when a workspace COPY covers it and nothing opaque does. */
export function configSourceOf(project: Project, image: ImageFacts, written = image.gunicorn?.invocation.configPath?.text): ContainerFacts['configSource'] {
  if (!written || /[$%`*?]/.test(written) || written.startsWith('python:')) return undefined;
  const file = written.startsWith('file:') ? written.slice('file:'.length) : written;
  const imagePath = posix.isAbsolute(file) ? posix.normalize(file) : posix.join(image.workdir?.value ?? '/', file);
  const found = workspacePathInImage(image, imagePath, project);
  if (!found.covered || found.opaque || !found.file) return undefined;
  const copy = [...image.copies]
    .reverse()
    .find((candidate) => imagePath === candidate.destination || imagePath.startsWith(`${candidate.destination.replace(/\/$/, '')}/`));
  if (!copy) return undefined;
  return { imagePath, file: found.file, exists: project.exists(found.file) && !project.isDirectory(found.file), copy: copy.place };
}

/** What the entrypoint script does: run gunicorn itself, or hand over to the CMD with `exec "$@"`. */
function followScript(facts: ImageFacts, scriptFile: string, text: string, image: DockerImage, init: boolean, cmdRunsGunicorn: boolean): void {
  const script = readEntrypointScript(text);
  const pid1Place = facts.pid1?.place ?? facts.script!.place;
  const pid1 = (value: 'gunicorn' | 'script'): void => {
    facts.pid1 = { value: init ? 'init' : value, place: value === 'script' && !init ? facts.script!.place : pid1Place };
  };
  if (script.gunicorn) {
    const site: CommandSite = {
      path: scriptFile,
      host: 'script',
      kind: 'command',
      words: script.gunicorn.words,
      environment: new Map([...facts.environment].map(([name, value]) => [name, value.value])),
      ...(image.workdir ? { workingDirectory: image.workdir.value } : {}),
    };
    // An image whose CMD already runs gunicorn through the script's `exec "$@"` keeps its CMD words.
    if (!cmdRunsGunicorn || !script.execArgs) {
      facts.gunicorn = { site, invocation: invocationOf(site), command: { path: scriptFile, range: script.gunicorn.line } };
    }
    facts.runsGunicorn = true;
    pid1(script.gunicorn.exec ? 'gunicorn' : 'script');
    return;
  }
  if (cmdRunsGunicorn) {
    facts.runsGunicorn = true;
    if (script.execArgs) pid1('gunicorn');
    else if (script.runsArgs) pid1('script');
  }
}

/** Where the script a command names is inside the image: absolute, relative to WORKDIR, or found on PATH among the copies. */
function scriptImagePath(written: string, image: DockerImage, facts: ImageFacts): string | undefined {
  if (written === '' || written.includes('$')) return undefined;
  if (posix.isAbsolute(written)) return posix.normalize(written);
  if (written.includes('/')) return posix.join(image.workdir?.value ?? '/', written);
  const onPath = facts.copies.find((copy) => posix.basename(copy.destination) === written && /\/(s?bin)$/.test(posix.dirname(copy.destination)));
  return onPath ? onPath.destination : posix.join(image.workdir?.value ?? '/', written);
}

function readCopies(project: Project, image: DockerImage, context: string, facts: ImageFacts, file: string): void {
  for (const copy of image.copies) {
    const place: Place = { path: file, range: copy.instruction.range };
    const opaque = copy.from !== undefined || copy.destination.includes('$');
    for (const written of copy.sources) {
      const source = written.replace(/^\.\//, '');
      // ADD fetches URLs and unpacks local archives: what lands in the image is not the source file.
      const unpacked = copy.add && /\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst))$/i.test(source);
      if (opaque || unpacked || /[*?[$]/.test(source) || /^[a-z]+:\/\//i.test(source) || source.startsWith('<<')) {
        facts.opaqueCopies.push({ destination: copy.destination, place });
        continue;
      }
      const absolute = path.resolve(context, source);
      if (!isInside(project.root, absolute)) {
        facts.opaqueCopies.push({ destination: copy.destination, place });
        continue;
      }
      const isFolder = source === '' || source === '.' || project.isDirectory(absolute);
      // A folder's contents go into the destination; a file goes to the destination, or into it when it is a folder.
      const destination = isFolder || !copy.intoFolder ? copy.destination : posix.join(copy.destination, posix.basename(source));
      facts.copies.push({ source: absolute, destination, place });
    }
  }
}

/**
 * The workspace path a path inside the image comes from, through the image's copies (the last copy that covers it
 * wins, as in the image). `covered` false: no copy from the workspace puts anything there. `opaque`: a copy we
 * cannot map (another stage, a glob) may put it there.
 */
export function workspacePathInImage(
  image: Pick<ImageFacts, 'copies' | 'opaqueCopies'>,
  imagePath: string,
  project?: Project,
): { file?: string; folder?: string; covered: boolean; opaque: boolean } {
  const target = posix.normalize(imagePath);
  const opaque = image.opaqueCopies.some(
    (copy) => target === copy.destination || target.startsWith(`${copy.destination.replace(/\/$/, '')}/`) || copy.destination.startsWith(`${target}/`),
  );
  for (let i = image.copies.length - 1; i >= 0; i--) {
    const copy = image.copies[i];
    const destination = copy.destination.replace(/\/$/, '') || '/';
    if (target === destination) return { file: copy.source, folder: copy.source, covered: true, opaque };
    const prefix = destination === '/' ? '/' : `${destination}/`;
    if (!target.startsWith(prefix)) continue;
    // Below a file copy there is nothing; below a folder copy, the same path below the source.
    if (project && !project.isDirectory(copy.source)) continue;
    const mapped = path.join(copy.source, ...target.slice(prefix.length).split('/'));
    return { file: mapped, folder: mapped, covered: true, opaque };
  }
  return { covered: false, opaque };
}

/** The ContainerFacts of a container running this image under a runtime (compose and Kubernetes override fields). */
export function containerFactsOf(image: ImageFacts, runtime: ContainerFacts['runtime']): ContainerFacts {
  const container: ContainerFacts = {
    runtime,
    dockerfile: image.dockerfile,
    containerPorts: [...image.exposed],
    probes: [],
    hostnames: [],
    copies: image.copies.map((copy) => ({ ...copy })),
  };
  if (image.pid1) container.pid1 = image.pid1;
  if (image.init) container.init = image.init;
  if (image.user) container.user = image.user;
  if (image.workdir) container.workdir = image.workdir;
  if (image.shellForm) container.shellForm = image.shellForm;
  if (image.opaqueCopies.length > 0) container.opaqueCopies = image.opaqueCopies;
  if (image.configSource) container.configSource = image.configSource;
  if (image.baseImage) container.baseImage = image.baseImage;
  return container;
}

/**
 * The Dockerfiles a compose service of the workspace builds (`build:` context and `dockerfile:`): compose runs that
 * image under its own stop timeout, user and init, so the compose reader makes its invocation, not this one.
 */
function builtByCompose(files: readonly ClaimedFile[]): Set<string> {
  const built = new Set<string>();
  for (const file of files) {
    if (file.language !== 'dockercompose') continue;
    const document = file.document as ComposeDocument | undefined;
    if (!document || !Array.isArray(document.services)) continue;
    for (const service of document.services) {
      const build = service.build;
      if (!build || typeof build.context !== 'string' || /[$]/.test(build.context) || /^[a-z]+:\/\//i.test(build.context)) continue;
      built.add(path.resolve(path.dirname(file.path), build.context, build.dockerfile ?? 'Dockerfile'));
    }
  }
  return built;
}

/** Images that run gunicorn, one invocation per Dockerfile (that no compose service of the workspace builds). */
export const dockerfileHostReader: HostReader = {
  name: 'dockerfile',
  read(project, files) {
    const hosts: HostInvocation[] = [];
    const byCompose = builtByCompose(files);
    for (const file of files) {
      if (file.language !== 'dockerfile' || !isDockerfileDocument(file.document) || byCompose.has(file.path)) continue;
      const image = imageOf(project, file.path);
      if (!image?.gunicorn) continue;
      // The Dockerfile's instruction, even when the words are in an entrypoint script: findings land in the Dockerfile.
      const command = image.command ?? image.gunicorn.command;
      const supervisor: Supervisor = {
        kind: 'docker',
        path: file.path,
        command,
        stopTimeout: { seconds: DOCKER_DEFAULT_STOP_TIMEOUT, setting: 'docker stop -t (default 10 s)' },
      };
      if (image.user) supervisor.user = image.user;
      hosts.push({
        host: 'dockerfile',
        hostPath: file.path,
        command,
        commandLine: image.gunicorn.invocation,
        commandPath: image.gunicorn.site.path,
        ...(image.cmdArgs ? { cmdArgs: image.cmdArgs } : {}),
        environment: image.environment,
        ...(image.workdir ? { workingDirectory: image.workdir } : {}),
        ...(image.workingFolder ? { workingFolder: image.workingFolder } : {}),
        supervisor,
        socketUnits: [],
        container: containerFactsOf(image, 'docker'),
      });
    }
    return { hosts };
  },
};
