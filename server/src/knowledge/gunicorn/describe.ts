/** Markdown for gunicorn knowledge entries, shared by the config file's and the command line's hover and completion. */
import { code, codeBlock, facts, joinSections, link } from '../../core/markdown';
import { availability as settingAvailability } from './availability';
import type { AccessLogAtom, GunicornSetting, WorkerClass } from './types';
import { workerClassNamed } from './workers';

const KIND_LABELS: Record<string, string> = {
  bool: 'boolean',
  pos_int: 'non-negative integer',
  int: 'integer',
  float: 'number',
  string: 'string',
  string_list: 'list of strings (or one string)',
  comma_list: 'comma-separated string',
  addr_list: 'comma-separated IP addresses / networks, or `*`',
  dict: 'dict',
  class: 'class, or a string naming one',
  user: 'user name or uid',
  group: 'group name or gid',
  chdir: 'folder path',
  file: 'file path',
  files_or_patterns: 'list of paths or glob patterns',
  hostport: '`host:port`',
  enum: 'one of a fixed set of strings',
  callable: 'function (server hook)',
  range_int: 'integer in a range',
  any: 'any value',
};

export function hookSignature(setting: GunicornSetting): string {
  return `def ${setting.name}(${(setting.hookParams ?? []).join(', ')}):`;
}

function availabilityNote(setting: GunicornSetting, version: string | undefined): string | undefined {
  if (!version) return undefined;
  const availability = settingAvailability(setting, version);
  if (availability === 'removed') return `⚠️ Not in gunicorn ${version}: removed in ${setting.removed}.`;
  if (availability === 'not-yet') return `⚠️ Not in gunicorn ${version}: added in ${setting.added}.`;
  return undefined;
}

/** Markdown by setting and version: completion lists every setting's page on each request. */
const markdownCache = new WeakMap<GunicornSetting, Map<string, string>>();
const MAX_VERSIONS = 50;

export function settingMarkdown(setting: GunicornSetting, version?: string): string {
  let byVersion = markdownCache.get(setting);
  if (!byVersion) {
    byVersion = new Map();
    markdownCache.set(setting, byVersion);
  }
  const key = version ?? '';
  let markdown = byVersion.get(key);
  if (markdown === undefined) {
    markdown = composeSettingMarkdown(setting, version);
    if (byVersion.size >= MAX_VERSIONS) byVersion.clear();
    byVersion.set(key, markdown);
  }
  return markdown;
}

function composeSettingMarkdown(setting: GunicornSetting, version: string | undefined): string {
  const isHook = setting.kind === 'callable';
  const header = isHook ? codeBlock(hookSignature(setting), 'python') + '\n\n' + setting.summary : `**${setting.name}** — ${setting.summary}`;
  const rows = facts([
    ['Type', KIND_LABELS[setting.kind] ?? setting.kind],
    ['Values', setting.values?.map((value) => code(value)).join(', ')],
    ['Default', isHook ? undefined : code(setting.defaultSource)],
    [
      'Command line',
      setting.cli.length > 0
        ? setting.cli.map((flag) => code(setting.meta && flag.startsWith('--') ? `${flag} ${setting.meta}` : flag)).join(', ')
        : 'config file only',
    ],
    ['Environment', setting.envVar ? code(setting.envVar) : undefined],
    ['Hook arity', isHook && setting.hookArity ? setting.hookArity.join(' or ') : undefined],
    ['Added', setting.added],
    ['Removed', setting.removed],
  ]);
  return joinSections(
    header,
    availabilityNote(setting, version),
    setting.docs,
    setting.example ? codeBlock(setting.example, 'python') : undefined,
    rows,
    link('gunicorn settings reference', setting.url),
  );
}

export function atomMarkdown(atom: AccessLogAtom, written: string): string {
  return joinSections(`${code(written)} — ${atom.summary}`, atom.docs, facts([['Added', atom.added]]));
}

export function workerMarkdown(worker: WorkerClass): string {
  const notes: string[] = [];
  if (worker.deprecated) notes.push(`⚠️ Deprecated since ${worker.deprecated.since}: use ${code(worker.deprecated.replacement)}. ${worker.deprecated.note}`);
  if (worker.removed) notes.push(`⚠️ Removed in gunicorn ${worker.removed}.`);
  return joinSections(
    `**${worker.name}** — ${worker.summary}`,
    notes.join('\n\n'),
    worker.docs,
    facts([
      ['Class', code(worker.classPath)],
      ['Needs', worker.packages.length > 0 ? worker.packages.map((p) => code(p)).join(', ') : undefined],
      ['Extra', worker.extra ? code(`gunicorn[${worker.extra}]`) : undefined],
      ['Kind', `${worker.asgi ? 'ASGI' : 'WSGI'}, ${worker.async ? 'cooperative (async)' : 'blocking'}`],
    ]),
  );
}

const LOG_LEVEL_NOTES: Record<string, string> = {
  debug: "Everything, including each request's handling; noisy, for development.",
  info: 'Start-up, worker boots and exits, signals. The default.',
  warning: 'Only problems that did not stop a request or a worker.',
  error: 'Only failures: worker crashes, errors in hooks and app loading.',
  critical: 'Only failures that stop gunicorn itself.',
};

export function logLevelMarkdown(level: string): string | undefined {
  const note = LOG_LEVEL_NOTES[level.trim().toLowerCase()];
  return note ? `**${level}** — log level. ${note}` : undefined;
}

/** Markdown for one value of a setting that carries meaning: a worker class, a log level, an enumerated value. */
export function settingValueMarkdown(setting: GunicornSetting, value: string): string | undefined {
  if (setting.name === 'worker_class') {
    const worker = workerClassNamed(value);
    return worker ? workerMarkdown(worker) : undefined;
  }
  if (setting.name === 'loglevel') return logLevelMarkdown(value);
  if (setting.values?.includes(value)) {
    return `${code(value)} — one of the values of **${setting.name}**: ${setting.values.map((v) => code(v)).join(', ')}.\n\n${setting.summary}`;
  }
  return undefined;
}
