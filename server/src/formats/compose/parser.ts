/**
 * Compose files read with the `yaml` package: the first document's `services:`, and for each service the fields
 * that say how gunicorn runs in it. Anything of another shape is skipped, never thrown; a templated file (`{{ }}`)
 * is not read at all.
 */
import { yamlListCommand, yamlStringCommand } from '../../commandline/yamlCommand';
import type { OffsetRange } from '../../core/text';
import {
  columnOf,
  isFlow,
  isTemplated,
  isYamlMap,
  isYamlSeq,
  mapEntries,
  mapEntry,
  mapGet,
  parseYamlDocuments,
  rangeOf,
  scalarContent,
  scalarNumber,
  scalarText,
  seqItems,
  startsLine,
  type YamlDocument,
} from '../../core/yaml';
import type { ComposeCommand, ComposeDocument, ComposeEnvironmentEntry, ComposePort, ComposeService, Located } from './document';

const MAX_SERVICES = 500;

export function parseCompose(text: string, path: string): ComposeDocument {
  const document: ComposeDocument = { text, path, templated: isTemplated(text), services: [] };
  if (document.templated) return document;
  try {
    const doc = parseYamlDocuments(text).find((candidate) => isYamlMap(candidate.contents));
    if (!doc) return document;
    const services = mapEntry(doc.contents, doc, 'services');
    if (!services) return document;
    for (const entry of mapEntries(services.value, doc).slice(0, MAX_SERVICES)) {
      const service = readService(doc, text, entry.key, entry.keyRange, entry.value);
      if (service) document.services.push(service);
    }
  } catch {
    // The contract: never throw. What was read so far stands.
  }
  return document;
}

function located<T>(node: unknown, value: T | undefined): Located<T> | undefined {
  const range = rangeOf(node);
  return range && value !== undefined ? { value, range } : undefined;
}

function readService(doc: YamlDocument, text: string, name: string, nameRange: OffsetRange, node: unknown): ComposeService | undefined {
  const range = rangeOf(node);
  if (!range || !isYamlMap(node)) return undefined;
  const service: ComposeService = { name, nameRange, range, environment: [], ports: [], expose: [], dependsOn: [], aliases: [] };
  const entries = mapEntries(node, doc);
  const first = entries[0];
  if (first && !isFlow(node) && startsLine(text, first.keyRange.start) && first.keyRange.start >= range.start) {
    service.firstKey = { offset: first.keyRange.start, column: columnOf(text, first.keyRange.start) };
  }
  const get = (key: string) => mapGet(node, doc, key);
  service.command = commandOf(doc, text, get('command'));
  service.entrypoint = commandOf(doc, text, get('entrypoint'));
  service.environment = environmentOf(doc, text, get('environment'));
  const envFile = rangeOf(get('env_file'));
  if (envFile) service.envFile = envFile;
  const init = get('init');
  if (init && typeof (init as { value?: unknown }).value === 'boolean') service.init = located(init, (init as { value: boolean }).value);
  const grace = get('stop_grace_period');
  const graceText = scalarText(grace);
  if (graceText !== undefined) {
    const value = located(grace, graceText);
    if (value) service.stopGracePeriod = { ...value, seconds: composeDuration(graceText) };
  }
  service.stopSignal = located(get('stop_signal'), scalarText(get('stop_signal')));
  for (const item of seqItems(get('ports'), doc)) {
    const port = portOf(doc, item);
    if (port) service.ports.push(port);
  }
  for (const item of seqItems(get('expose'), doc)) {
    const port = Number(String(scalarText(item) ?? '').split('/')[0]);
    const value = Number.isInteger(port) && port > 0 ? located(item, port) : undefined;
    if (value) service.expose.push(value);
  }
  service.user = located(get('user'), scalarText(get('user')));
  service.workingDir = located(get('working_dir'), scalarText(get('working_dir')));
  service.image = located(get('image'), scalarText(get('image')));
  const build = get('build');
  const buildRange = rangeOf(build);
  if (buildRange) {
    const context = scalarText(build) ?? scalarText(mapGet(build, doc, 'context')) ?? (isYamlMap(build) ? '.' : undefined);
    const dockerfile = scalarText(mapGet(build, doc, 'dockerfile'));
    if (context !== undefined) service.build = { context, range: buildRange, ...(dockerfile ? { dockerfile } : {}) };
  }
  const dependsOn = get('depends_on');
  service.dependsOn = isYamlSeq(dependsOn)
    ? seqItems(dependsOn, doc).flatMap((item) => scalarText(item) ?? [])
    : mapEntries(dependsOn, doc).map((entry) => entry.key);
  const limit = mapGet(mapGet(mapGet(get('deploy'), doc, 'resources'), doc, 'limits'), doc, 'cpus');
  service.cpus = cpusOf(limit) ?? cpusOf(get('cpus'));
  service.healthcheck = rangeOf(get('healthcheck'));
  const networks = get('networks');
  if (isYamlMap(networks)) {
    for (const network of mapEntries(networks, doc)) {
      for (const alias of seqItems(mapGet(network.value, doc, 'aliases'), doc)) {
        const value = scalarText(alias);
        if (value) service.aliases.push(value);
      }
    }
  }
  const containerName = scalarText(get('container_name'));
  if (containerName) service.aliases.push(containerName);
  return service;
}

function cpusOf(node: unknown): Located<number> | undefined {
  const value = scalarNumber(node);
  return value !== undefined && value > 0 ? located(node, value) : undefined;
}

function commandOf(doc: YamlDocument, text: string, node: unknown): ComposeCommand | undefined {
  const range = rangeOf(node);
  if (!range) return undefined;
  const content = scalarContent(node, text);
  if (content) return { ...yamlStringCommand(content), range };
  if (!isYamlSeq(node)) return undefined;
  const items = seqItems(node, doc).map((item) => scalarContent(item, text));
  if (items.some((item) => item === undefined)) return undefined;
  return { ...yamlListCommand(items as NonNullable<(typeof items)[number]>[]), range };
}

function environmentOf(doc: YamlDocument, text: string, node: unknown): ComposeEnvironmentEntry[] {
  const entries: ComposeEnvironmentEntry[] = [];
  if (isYamlSeq(node)) {
    for (const item of seqItems(node, doc)) {
      const content = scalarContent(item, text);
      if (!content) continue;
      const equals = content.value.indexOf('=');
      const name = equals < 0 ? content.value : content.value.slice(0, equals);
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) continue;
      const entry: ComposeEnvironmentEntry = { name, range: content.range };
      if (equals >= 0) {
        entry.value = content.value.slice(equals + 1);
        if (content.contentStart !== undefined) entry.valueStart = content.contentStart + equals + 1;
      }
      entries.push(entry);
    }
    return entries;
  }
  for (const { key, keyRange, value } of mapEntries(node, doc)) {
    const content = scalarContent(value, text);
    const range = content?.range ?? keyRange;
    const entry: ComposeEnvironmentEntry = { name: key, range };
    if (content) {
      entry.value = content.value;
      if (content.contentStart !== undefined) entry.valueStart = content.contentStart;
    }
    entries.push(entry);
  }
  return entries;
}

/** `"8000"`, `"8000:8000"`, `"127.0.0.1:8080:8000/tcp"`, `8000`, or the long syntax `{target: 8000, published: 80}`. */
function portOf(doc: YamlDocument, node: unknown): ComposePort | undefined {
  const range = rangeOf(node);
  if (!range) return undefined;
  if (isYamlMap(node)) {
    const target = scalarNumber(mapGet(node, doc, 'target'));
    const published = scalarText(mapGet(node, doc, 'published'));
    const hostIp = scalarText(mapGet(node, doc, 'host_ip'));
    return {
      range,
      ...(target !== undefined && Number.isInteger(target) ? { target } : {}),
      ...(published !== undefined ? { published: hostIp ? `${hostIp}:${published}` : published } : {}),
    };
  }
  const written = scalarText(node);
  if (written === undefined) return undefined;
  const spec = written.split('/')[0];
  const colon = spec.lastIndexOf(':');
  const container = colon < 0 ? spec : spec.slice(colon + 1);
  const target = /^\d+$/.test(container) ? Number(container) : undefined;
  return { range, ...(target !== undefined ? { target } : {}), ...(colon >= 0 ? { published: spec.slice(0, colon) } : {}) };
}

const DURATION_UNITS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001, µs: 0.000001, ns: 1e-9 };

/** A compose duration (Go's time.ParseDuration: `1m30s`, `90s`, `1.5h`, `500ms`); undefined when not one. */
export function composeDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(value)) return undefined;
  let total = 0;
  for (const match of value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(match[1]) * DURATION_UNITS[match[2]];
  return total;
}
