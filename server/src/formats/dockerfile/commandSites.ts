/**
 * The gunicorn command lines of a Dockerfile as command-line sites: the words of the final image's command that run
 * gunicorn (exec form: inside the JSON strings; shell form: the words of the line), and GUNICORN_CMD_ARGS set by
 * ENV. Values the shell or Docker fills in (`$PORT`) stay as written and are never judged.
 */
import type { CommandSite } from '../../commandline/site';
import { splitShellWords } from '../../commandline/words';
import type { DockerfileDocument } from './document';
import { finalImage, type DockerImage } from './image';

export interface DockerfileSites {
  /** The command that runs gunicorn, when the Dockerfile itself holds its words. */
  command?: CommandSite;
  /** GUNICORN_CMD_ARGS from ENV. */
  cmdArgs?: CommandSite;
}

const cache = new WeakMap<DockerfileDocument, DockerfileSites>();

export function dockerfileSites(document: DockerfileDocument): DockerfileSites {
  let sites = cache.get(document);
  if (sites) return sites;
  sites = {};
  const image = finalImage(document);
  if (image) {
    const environment = new Map([...image.env].map(([name, value]) => [name, value.value]));
    const start = image.start;
    if (start?.words && start.words.length > 0) {
      sites.command = {
        path: document.path,
        host: 'dockerfile',
        kind: 'command',
        words: start.words,
        environment,
        ...(image.workdir ? { workingDirectory: image.workdir.value } : {}),
      };
    }
    const cmdArgs = cmdArgsSite(document, image);
    if (cmdArgs) sites.cmdArgs = cmdArgs;
  }
  cache.set(document, sites);
  return sites;
}

export function commandSites(document: DockerfileDocument): CommandSite[] {
  const sites = dockerfileSites(document);
  return [sites.command, sites.cmdArgs].filter((site): site is CommandSite => site !== undefined);
}

/** `ENV GUNICORN_CMD_ARGS="--workers 4"`: the words inside the value, when its offsets are exact. */
function cmdArgsSite(document: DockerfileDocument, image: DockerImage): CommandSite | undefined {
  const env = image.env.get('GUNICORN_CMD_ARGS');
  if (!env) return undefined;
  const raw = document.text.slice(env.range.start, env.range.end);
  let inner = raw;
  let offset = env.range.start;
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0] && raw.slice(1, -1) === env.value) {
    inner = env.value;
    offset += 1;
  } else if (raw !== env.value) return undefined;
  const words = splitShellWords(inner, offset);
  return words.length > 0 ? { path: document.path, host: 'dockerfile', kind: 'cmd-args', words } : undefined;
}
