/**
 * Lock files give the exact version installed, even when the manifest only says `gunicorn>=21`: poetry.lock and
 * uv.lock (`[[package]]` blocks with `name` and `version`), Pipfile.lock (JSON, `default` and `develop` with
 * `"version": "==X"`). Read line by line (the TOML ones) so a large lock costs little. Never throws.
 */
import type { OffsetRange } from '../../core/text';
import { normalisePackageName } from './names';

export interface LockedPackage {
  /** Normalised as pip does. */
  name: string;
  version: string;
  path: string;
  /** Where the package's name is written in the lock file. */
  range: OffsetRange;
}

export const LOCK_FILE_NAMES = ['poetry.lock', 'uv.lock', 'Pipfile.lock'];

export function parseLockFile(text: string, filePath: string): LockedPackage[] {
  try {
    return filePath.endsWith('Pipfile.lock') ? pipfileLock(text, filePath) : packageBlocks(text, filePath);
  } catch {
    return [];
  }
}

/** `[[package]]` blocks: the block's own `name = "..."` and `version = "..."`, before any sub-table. */
function packageBlocks(text: string, filePath: string): LockedPackage[] {
  const out: LockedPackage[] = [];
  let inBlock = false;
  let name: { value: string; range: OffsetRange } | undefined;
  let version: string | undefined;
  const flush = () => {
    if (name && version) out.push({ name: normalisePackageName(name.value), version, path: filePath, range: name.range });
    name = undefined;
    version = undefined;
  };
  let start = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^\s*\[\[package\]\]\s*$/.test(line)) {
      flush();
      inBlock = true;
    } else if (/^\s*\[/.test(line)) {
      inBlock = false;
    } else if (inBlock) {
      const match = /^(\s*)(name|version)\s*=\s*"([^"]*)"/.exec(line);
      if (match?.[2] === 'name' && !name) {
        const at = start + line.indexOf('"', match[1].length) + 1;
        name = { value: match[3], range: { start: at, end: at + match[3].length } };
      } else if (match?.[2] === 'version' && version === undefined) version = match[3];
    }
    start += raw.length + 1;
  }
  flush();
  return out;
}

function pipfileLock(text: string, filePath: string): LockedPackage[] {
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null) return [];
  const out: LockedPackage[] = [];
  for (const group of ['default', 'develop']) {
    const packages = (parsed as Record<string, unknown>)[group];
    if (typeof packages !== 'object' || packages === null) continue;
    for (const [rawName, entry] of Object.entries(packages as Record<string, unknown>)) {
      const pin = typeof entry === 'object' && entry !== null ? (entry as { version?: unknown }).version : undefined;
      const version = typeof pin === 'string' ? /^===?\s*(.+)$/.exec(pin.trim())?.[1] : undefined;
      if (!version) continue;
      const quoted = text.indexOf(JSON.stringify(rawName));
      const at = quoted < 0 ? 0 : quoted + 1;
      out.push({ name: normalisePackageName(rawName), version, path: filePath, range: { start: at, end: quoted < 0 ? 0 : at + rawName.length } });
    }
  }
  return out;
}
