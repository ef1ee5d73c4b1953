/**
 * Dockerfiles (`Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, `*.dockerfile`, `Containerfile`) under VS Code's own
 * language id `dockerfile`: we add gunicorn meaning beside the Docker extension and make no generic Dockerfile
 * diagnostics of our own. The format finds the gunicorn command line of the final image and GUNICORN_CMD_ARGS;
 * checking, fixing, hovering and completing them is commandline/'s, as for every host.
 */
import { gunicornCommandWords } from '../../commandline/shellScript';
import type { CommandSite } from '../../commandline/site';
import { checkSites, completeSite, hoverSites, siteFixes } from '../../commandline/support';
import type { CommandWord } from '../../commandline/words';
import type { AnalysisContext, FormatSupport } from '../../core/format';
import type { Finding, Fix } from '../../core/findings';
import { fixesForFinding, runRules } from '../../core/rule';
import { gunicornVersionOf } from '../requirements/gunicornVersion';
import { commandSites } from './commandSites';
import type { DockerfileDocument } from './document';
import { parseDockerfile } from './parser';
import { DOCKERFILE_RULES } from './rules/index';

export type { DockerfileDocument, DockerInstruction, DockerStage } from './document';
export { parseDockerfile } from './parser';
export { commandForm, type CommandForm } from './command';
export { finalImage, substitute, type DockerImage, type ImageCommand, type ImageCopy, type ImageStart, type ImageValue } from './image';
export { commandSites, dockerfileSites, type DockerfileSites } from './commandSites';
export { readEntrypointScript, type EntrypointScript } from './script';
export { dockerfileRules } from './rules/index';

export const DOCKERFILE_LANGUAGE_ID = 'dockerfile';

/** The names Docker, Podman and VS Code's `dockerfile` language know. */
export function isDockerfilePath(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const lower = base.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile') return true;
  if (lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return lower.length > '.dockerfile'.length;
  return /^(dockerfile|containerfile)\.[^.]/i.test(base) && !/\.(md|txt|rst|ya?ml|json|sh|py|bak|orig|swp)$/i.test(base);
}

function version(context: AnalysisContext<DockerfileDocument>): string {
  return gunicornVersionOf(context.project, context.path);
}

export const dockerfileFormat: FormatSupport<DockerfileDocument> = {
  language: DOCKERFILE_LANGUAGE_ID,
  matches: (path) => isDockerfilePath(path),
  parse: (text, path) => parseDockerfile(text, path),
  check: (context): Finding[] => [...checkSites(commandSites(context.document), version(context)), ...runRules(DOCKERFILE_RULES, context)],
  fixes: (finding, context): Fix[] => [
    ...siteFixes(finding, commandSites(context.document), version(context)),
    ...fixesForFinding(DOCKERFILE_RULES, finding, () => context),
  ],
  hover: (context, offset) => hoverSites(commandSites(context.document), offset, version(context)),
  complete(context, offset) {
    const site = commandSites(context.document).find((candidate) => {
      const first = candidate.words[0];
      const last = candidate.words[candidate.words.length - 1];
      return first && last && first.range.start <= offset && offset <= lineEndAfter(context.text, last.range.end);
    });
    if (site) return completeSite(site, context.text, offset, version(context));
    const typing = typingSite(context.document, offset);
    return typing ? completeSite(typing, context.text, offset, version(context)) : [];
  },
};

/**
 * A JSON array still being typed (`CMD ["gunicorn", "--log-level", "`) is not exec form yet (Docker would read it
 * as a shell line); for completion only, its strings so far are the words.
 */
function typingSite(document: DockerfileDocument, offset: number): CommandSite | undefined {
  const instruction = document.stages
    .flatMap((stage) => stage.instructions)
    .find(
      (candidate) =>
        (candidate.keyword === 'CMD' || candidate.keyword === 'ENTRYPOINT') && candidate.argsRange.start <= offset && offset <= candidate.argsRange.end,
    );
  if (!instruction || !instruction.args.startsWith('[')) return undefined;
  const words: CommandWord[] = [];
  for (const match of instruction.args.matchAll(/"((?:[^"\\\n]|\\.)*)("?)/g)) {
    const start = instruction.argsRange.start + (match.index ?? 0) + 1;
    words.push({ text: match[1], range: { start, end: start + match[1].length }, quoted: false });
  }
  const found = gunicornCommandWords(words);
  return found ? { path: document.path, host: 'dockerfile', kind: 'command', words: found } : undefined;
}

/** The end of the instruction's last line after an offset (completion past the last word). */
function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  // Exec form: stop at the closing bracket.
  const bracket = text.lastIndexOf(']', end);
  return bracket >= offset ? bracket : end;
}
