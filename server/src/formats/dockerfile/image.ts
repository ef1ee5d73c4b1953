/**
 * The image a Dockerfile builds: its last stage, with what it inherits from earlier stages it is built `FROM`.
 * What the container runs (ENTRYPOINT and CMD combined as Docker combines them), where gunicorn starts in it, and
 * the ENV, ARG defaults, USER, WORKDIR, COPY/ADD, EXPOSE, STOPSIGNAL and HEALTHCHECK that the deployment reads.
 * Values are kept as written; `$VAR` is replaced only by a value the Dockerfile itself gives, else kept.
 */
import * as posix from 'node:path/posix';
import { findGunicornStart } from '../../commandline/invocation';
import { gunicornInShellLine } from '../../commandline/shellScript';
import { baseName, splitShellWords, subWord, type CommandWord } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';
import { commandForm, joinContinuations, type CommandForm } from './command';
import type { DockerfileDocument, DockerInstruction, DockerStage } from './document';

export interface ImageValue {
  value: string;
  range: OffsetRange;
}

export interface ImageCommand extends CommandForm {
  instruction: DockerInstruction;
}

export interface ImageCopy {
  instruction: DockerInstruction;
  /** Sources as written, relative to the build context. */
  sources: string[];
  /** The destination inside the image, made absolute against WORKDIR (may still hold `$VAR`). */
  destination: string;
  /** The destination names a folder (ends in `/`, or several sources). */
  intoFolder: boolean;
  /** `--from=stage`: copied from another stage or image, not from the build context. */
  from?: string;
  chown?: string;
  add: boolean;
}

/** Where gunicorn starts in what the container runs. */
export interface ImageStart {
  /** tini or dumb-init in front of the command. */
  init?: ImageValue;
  /** What is PID 1 (under the init, if there is one). */
  pid1: 'gunicorn' | 'shell' | 'script' | 'unknown';
  /** The gunicorn command's words in the Dockerfile (from the program or its wrapper on). */
  words?: readonly CommandWord[];
  /** The instruction holding the words. */
  instruction?: DockerInstruction;
  /** A script run first (`/docker-entrypoint.sh`), with the words after it (CMD appended to an exec ENTRYPOINT). */
  script?: { word: CommandWord; args: readonly CommandWord[]; instruction: DockerInstruction };
}

export interface DockerImage {
  stage: DockerStage;
  /** The image the chain of stages starts from (`python:3.12-slim`), as written, with its range; absent for `scratch`. */
  base?: ImageValue;
  entrypoint?: ImageCommand;
  cmd?: ImageCommand;
  env: Map<string, ImageValue & { instruction: DockerInstruction }>;
  args: Map<string, ImageValue>;
  user?: ImageValue;
  /** Absolute WORKDIR inside the image. */
  workdir?: ImageValue;
  exposed: (ImageValue & { port: number })[];
  copies: ImageCopy[];
  stopSignal?: ImageValue;
  healthcheck?: DockerInstruction;
  runs: DockerInstruction[];
  start?: ImageStart;
}

const INITS = new Set(['tini', 'dumb-init', 'tini-static', 'catatonit']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
const cache = new WeakMap<DockerfileDocument, DockerImage | null>();

/** The image of the last stage (memoised per document); undefined for a file with no FROM. */
export function finalImage(document: DockerfileDocument): DockerImage | undefined {
  let image = cache.get(document);
  if (image === undefined) {
    image = document.stages.length > 0 ? stageImage(document, document.stages.length - 1, 0) : null;
    if (image) image.start = startOf(image);
    cache.set(document, image);
  }
  return image ?? undefined;
}

function emptyImage(stage: DockerStage): DockerImage {
  return { stage, env: new Map(), args: new Map(), exposed: [], copies: [], runs: [] };
}

function stageImage(document: DockerfileDocument, index: number, depth: number): DockerImage {
  const stage = document.stages[index];
  let image = emptyImage(stage);
  const base = stage.base?.toLowerCase();
  const parent = base === undefined || depth > 16 ? -1 : document.stages.findIndex((candidate, i) => i < index && (candidate.name === base || `${i}` === base));
  if (parent >= 0) {
    const inherited = stageImage(document, parent, depth + 1);
    // ARGs are per stage; everything else is inherited.
    image = {
      ...inherited,
      stage,
      args: new Map(),
      env: new Map(inherited.env),
      exposed: [...inherited.exposed],
      copies: [...inherited.copies],
      runs: [...inherited.runs],
    };
  }
  if (parent < 0 && stage.from && stage.base && stage.base.toLowerCase() !== 'scratch') {
    const at = stage.from.args.indexOf(stage.base);
    const start = stage.from.argsRange.start + Math.max(0, at);
    image.base = { value: stage.base, range: { start, end: start + stage.base.length } };
  }
  // ARGs before the first FROM are visible in a stage only where it declares them again (`ARG NAME`), with their defaults.
  const globals = new Map<string, ImageValue>();
  for (const arg of document.globalArgs) readArg(globals, arg, new Map());
  for (const instruction of stage.instructions) readInstruction(document, image, instruction, globals);
  return image;
}

function readArg(args: Map<string, ImageValue>, instruction: DockerInstruction, globals: ReadonlyMap<string, ImageValue>): void {
  for (const word of splitShellWords(joinContinuations(instruction.args).line, instruction.argsRange.start)) {
    const eq = word.text.indexOf('=');
    const name = eq < 0 ? word.text : word.text.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (eq >= 0) args.set(name, valueOf(word, eq + 1));
    else {
      // `ARG NAME` without a default: the global default, else unset (the build may pass --build-arg).
      const inherited = globals.get(name);
      if (inherited) args.set(name, inherited);
      else args.delete(name);
    }
  }
}

/** The value part of `NAME=value` with its range (exact when nothing before it was quoted). */
function valueOf(word: CommandWord, from: number): ImageValue {
  const part = subWord(word, from);
  return { value: part.text, range: part.range };
}

function readInstruction(document: DockerfileDocument, image: DockerImage, instruction: DockerInstruction, globals: ReadonlyMap<string, ImageValue>): void {
  const { args, argsRange } = instruction;
  switch (instruction.keyword) {
    case 'ARG':
      readArg(image.args, instruction, globals);
      break;
    case 'ENV':
      readEnv(image, instruction);
      break;
    case 'CMD': {
      const form = commandForm(args, argsRange.start, document.escape);
      image.cmd = form ? { ...form, instruction } : undefined;
      break;
    }
    case 'ENTRYPOINT': {
      const form = commandForm(args, argsRange.start, document.escape);
      image.entrypoint = form ? { ...form, instruction } : undefined;
      // Docker: setting ENTRYPOINT resets a CMD inherited from the base; a later CMD in this stage sets it again.
      image.cmd = undefined;
      break;
    }
    case 'USER': {
      const value = args.trim();
      if (value) image.user = { value: substitute(image, value), range: trimmedRange(args, argsRange.start) };
      break;
    }
    case 'WORKDIR': {
      const value = substitute(image, unquote(args.trim()));
      if (!value) break;
      const absolute = posix.isAbsolute(value) ? posix.normalize(value) : posix.join(image.workdir?.value ?? '/', value);
      image.workdir = { value: absolute, range: trimmedRange(args, argsRange.start) };
      break;
    }
    case 'COPY':
    case 'ADD':
      readCopy(image, instruction);
      break;
    case 'EXPOSE':
      for (const word of splitShellWords(joinContinuations(args).line, argsRange.start)) {
        const match = /^(\d+)(?:-\d+)?(?:\/(tcp|udp|sctp))?$/i.exec(substitute(image, word.text));
        if (match && (match[2] ?? 'tcp').toLowerCase() === 'tcp') image.exposed.push({ value: word.text, range: word.range, port: Number(match[1]) });
      }
      break;
    case 'STOPSIGNAL': {
      const value = args.trim();
      if (value) image.stopSignal = { value, range: trimmedRange(args, argsRange.start) };
      break;
    }
    case 'HEALTHCHECK':
      image.healthcheck = /^\s*none\s*$/i.test(args) ? undefined : instruction;
      break;
    case 'RUN':
      image.runs.push(instruction);
      break;
    default:
      break;
  }
}

function readEnv(image: DockerImage, instruction: DockerInstruction): void {
  const { line } = joinContinuations(instruction.args);
  const words = splitShellWords(line, instruction.argsRange.start);
  if (words.length === 0) return;
  if (!words[0].text.includes('=')) {
    // Legacy `ENV NAME value with spaces`.
    const name = words[0].text;
    const rest = words.slice(1);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || rest.length === 0) return;
    const range = { start: rest[0].range.start, end: rest[rest.length - 1].range.end };
    const raw = document_slice(line, instruction.argsRange.start, range);
    image.env.set(name, { value: rest.length === 1 ? rest[0].text : raw, range, instruction });
    return;
  }
  for (const word of words) {
    const eq = word.text.indexOf('=');
    if (eq <= 0) continue;
    const name = word.text.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    image.env.set(name, { ...valueOf(word, eq + 1), instruction });
  }
}

function document_slice(line: string, base: number, range: OffsetRange): string {
  return line.slice(range.start - base, range.end - base);
}

function readCopy(image: DockerImage, instruction: DockerInstruction): void {
  const form = commandForm(instruction.args, instruction.argsRange.start);
  if (!form) return;
  const words = [...form.words];
  let from: string | undefined;
  let chown: string | undefined;
  while (words.length > 0 && words[0].text.startsWith('--')) {
    const flag = words.shift()!.text;
    const [name, value = ''] = [flag.slice(0, flag.indexOf('=') < 0 ? flag.length : flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)];
    if (name === '--from') from = value;
    else if (name === '--chown') chown = value;
  }
  if (words.length < 2) return;
  const destinationWord = words[words.length - 1].text;
  const destination = substitute(image, destinationWord);
  const sources = words.slice(0, -1).map((word) => substitute(image, word.text));
  const absolute = posix.isAbsolute(destination) ? destination : posix.join(image.workdir?.value ?? '/', destination);
  image.copies.push({
    instruction,
    sources,
    destination: posix.normalize(absolute).replace(/(.)\/+$/, '$1'),
    intoFolder: destinationWord.endsWith('/') || destination === '.' || sources.length > 1,
    ...(from !== undefined ? { from } : {}),
    ...(chown !== undefined ? { chown } : {}),
    add: instruction.keyword === 'ADD',
  });
}

/** `$NAME` and `${NAME}` replaced by ENV values and ARG defaults of this image; anything else kept as written. */
export function substitute(image: DockerImage, text: string): string {
  if (!text.includes('$')) return text;
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = image.env.get(name)?.value ?? image.args.get(name)?.value;
    return value && !value.includes('$') ? value : whole;
  });
}

function unquote(text: string): string {
  return /^"[^"]*"$|^'[^']*'$/.test(text) ? text.slice(1, -1) : text;
}

function trimmedRange(args: string, start: number): OffsetRange {
  const lead = args.length - args.trimStart().length;
  return { start: start + lead, end: start + args.trimEnd().length };
}

/** What the container runs, and where gunicorn is in it. */
function startOf(image: DockerImage): ImageStart | undefined {
  const { entrypoint, cmd } = image;
  const main = entrypoint ?? cmd;
  if (!main) return undefined;
  // A shell-form ENTRYPOINT ignores CMD; a shell-form CMD runs by itself.
  if (main.form === 'shell') return shellStart(main);
  let words: CommandWord[] = [...main.words];
  const appended = entrypoint && cmd ? cmd : undefined;
  let init: ImageValue | undefined;
  if (words.length > 0 && INITS.has(baseName(words[0].text))) {
    init = { value: baseName(words[0].text), range: words[0].range };
    let i = 1;
    while (i < words.length && words[i].text.startsWith('-') && words[i].text !== '--') i++;
    if (words[i]?.text === '--') i++;
    words = words.slice(i);
  }
  // ENTRYPOINT ["tini", "--"] with a shell-form CMD: the shell runs under the init.
  if (words.length === 0 && appended) {
    if (appended.form === 'shell') return { ...shellStart(appended), ...(init ? { init } : {}) };
    words = [...appended.words];
  } else if (appended?.form === 'exec') words = [...words, ...appended.words];
  else if (appended?.form === 'shell') words = [...words, ...appended.words]; // an exec ENTRYPOINT gets `/bin/sh -c` ... as arguments; kept simple
  const withInit = <T extends ImageStart>(start: T): T => (init ? { ...start, init } : start);
  const instructionOf = (word: CommandWord | undefined): DockerInstruction =>
    appended && word && word.range.start >= appended.range.start && word.range.end <= appended.range.end ? appended.instruction : main.instruction;
  if (words.length === 0) return withInit({ pid1: 'unknown' });
  words = withoutExecWrappers(words);
  if (findGunicornStart(words) !== undefined) {
    const exact = main.exact && (!appended || appended.exact);
    return withInit({ pid1: 'gunicorn', ...(exact ? { words, instruction: instructionOf(words[words.length - 1]) } : {}) });
  }
  const program = baseName(words[0].text);
  if (SHELLS.has(program)) {
    const script = scriptWord(words);
    const inShell = script ? gunicornInShellLine(script.text, script.range.start) : undefined;
    if (inShell) return withInit({ pid1: inShell[0]?.text === 'exec' ? 'gunicorn' : 'shell', words: inShell, instruction: instructionOf(inShell[0]) });
    // `sh /entrypoint.sh` or `bash -e start.sh`
    const file = words.slice(1).find((word) => !word.text.startsWith('-'));
    if (file && !words.slice(1).some((word) => /^-[a-z]*c/.test(word.text))) {
      return withInit({ pid1: 'script', script: { word: file, args: words.slice(words.indexOf(file) + 1), instruction: instructionOf(file) } });
    }
    return withInit({ pid1: 'shell' });
  }
  // A script or another program first: CMD words that run gunicorn by themselves are still gunicorn's words.
  const cmdWords = appended?.form === 'exec' && findGunicornStart(appended.words) !== undefined ? appended.words : undefined;
  const start: ImageStart = { pid1: 'script', script: { word: words[0], args: words.slice(1), instruction: main.instruction } };
  if (cmdWords && appended?.exact) {
    start.words = cmdWords;
    start.instruction = appended.instruction;
  }
  return withInit(start);
}

/**
 * Programs that set something up and then exec the command they are given, so that it replaces them as PID 1: APM
 * agents (`ddtrace-run`, `newrelic-admin run-program`, `opentelemetry-instrument`) and user switchers (`gosu app`,
 * `su-exec app`, `setpriv ...`). The words from gunicorn on, when gunicorn follows within a few words.
 */
const EXEC_WRAPPERS = new Set(['ddtrace-run', 'newrelic-admin', 'opentelemetry-instrument', 'gosu', 'su-exec', 'setpriv', 'chpst', 's6-setuidgid']);

function withoutExecWrappers(words: CommandWord[]): CommandWord[] {
  if (words.length === 0 || !EXEC_WRAPPERS.has(baseName(words[0].text))) return words;
  for (let i = 1; i < Math.min(words.length, 12); i++) {
    if (EXEC_WRAPPERS.has(baseName(words[i].text))) return withoutExecWrappers(words.slice(i));
    if (findGunicornStart(words.slice(i, i + 4)) === undefined) continue;
    // Only a program word: `gunicorn`, a path to it, or `python -m gunicorn` (not a flag's value that happens to match).
    if (!words[i].text.startsWith('-')) return words.slice(i);
  }
  return words;
}

/** A shell-form instruction: `/bin/sh -c` runs the line; gunicorn is PID 1 only when the line `exec`s it. */
function shellStart(command: ImageCommand): ImageStart {
  const line = command.line ?? '';
  const words = command.exact ? gunicornInShellLine(line, command.range.start) : undefined;
  if (!words) {
    const runsGunicorn = command.words.some((word) => baseName(word.text) === 'gunicorn' || word.text === 'gunicorn.app.wsgiapp');
    return { pid1: runsGunicorn ? 'shell' : 'unknown' };
  }
  return { pid1: words[0]?.text === 'exec' ? 'gunicorn' : 'shell', words, instruction: command.instruction };
}

/** The SCRIPT of `sh -c SCRIPT` when its offsets map one to one (a JSON string without escapes). */
function scriptWord(words: readonly CommandWord[]): CommandWord | undefined {
  const index = words.findIndex((word, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(word.text));
  const script = index >= 0 ? words[index + 1] : undefined;
  return script && !script.quoted && script.range.end - script.range.start === script.text.length ? script : undefined;
}
