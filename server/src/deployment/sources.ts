/**
 * Typed access to the parsed files the model reads, through the project's one parse cache. A config that `-c`
 * names under a name no format claims (`config/gunicorn.py`) is read with the gunicorn reader here, cached by text.
 */
import type { Project } from '../core/format';
import type { GunicornDocument } from '../formats/gunicorn/context';
import { parseGunicornDocument, releaseDocument } from '../formats/gunicorn/reader/index';
import { nginxFacts, type NginxFacts } from '../formats/nginx/facts';
import type { NginxDocument } from '../formats/nginx/model';
import type { NginxFile } from './nginxProxies';

const UNCLAIMED_CONFIGS_KEPT = 64;
const unclaimedConfigs = new Map<string, GunicornDocument>();

function isGunicornDocument(value: unknown): value is GunicornDocument {
  const doc = value as GunicornDocument | undefined;
  return !!doc && typeof doc.text === 'string' && !!doc.model && Array.isArray(doc.model.assignments);
}

/** The gunicorn config document of a file, whether or not the file is named like a config. */
export function configDocument(project: Project, file: string): GunicornDocument | undefined {
  const parsed = project.parsed(file);
  if (parsed && isGunicornDocument(parsed.document)) return parsed.document;
  if (!file.endsWith('.py')) return undefined;
  const text = project.readFile(file);
  if (text === undefined) return undefined;
  const key = `${file}\0${text}`;
  let doc = unclaimedConfigs.get(key);
  if (!doc) {
    try {
      doc = parseGunicornDocument(text);
    } catch {
      return undefined;
    }
    if (unclaimedConfigs.size >= UNCLAIMED_CONFIGS_KEPT) {
      for (const old of unclaimedConfigs.values()) releaseDocument(old);
      unclaimedConfigs.clear();
    }
    unclaimedConfigs.set(key, doc);
  }
  return doc;
}

/**
 * An nginx file of the model, its facts read on first use: only the proxies need them, and they are only asked
 * for where something starts gunicorn (or the map draws the workspace), so an nginx-only lint never reads them.
 */
export function nginxFileOf(project: Project, file: string): NginxFile | undefined {
  const parsed = project.parsed(file);
  const doc = parsed?.document as NginxDocument | undefined;
  if (parsed?.language !== 'nginx' || !doc || !Array.isArray(doc.directives)) return undefined;
  let facts: NginxFacts | undefined;
  return {
    path: file,
    get facts() {
      return (facts ??= nginxFacts(doc));
    },
  };
}
