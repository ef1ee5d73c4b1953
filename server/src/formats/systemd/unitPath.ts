/** What a path says about a unit: its type, name, template-ness, and whether it is a drop-in. */
import * as path from 'node:path';
import { unitTypeOf } from '../../knowledge/systemd';

export interface UnitPathInfo {
  unitType: string | undefined;
  unitName: string | undefined;
  template: boolean;
  dropIn: boolean;
}

export function describeUnitPath(filePath: string): UnitPathInfo {
  const normalized = filePath.replace(/\\/g, '/');
  const base = path.posix.basename(normalized);
  const folder = path.posix.basename(path.posix.dirname(normalized));
  if (base.endsWith('.conf') && folder.endsWith('.d')) {
    const unitName = folder.slice(0, -2);
    return { unitType: unitTypeOf(unitName), unitName, template: /@\.[a-z]+$/.test(unitName), dropIn: true };
  }
  const unitType = unitTypeOf(base);
  return { unitType, unitName: unitType ? base : undefined, template: /@\.[a-z]+$/.test(base), dropIn: false };
}

/** Does a unit file path fall under this format: unit suffixes, or `*.conf` in a `*.service.d/`-style folder. */
export function isUnitPath(filePath: string): boolean {
  const normalized = filePath.replace(/\\/g, '/');
  if (/\.(service|socket|target|timer)$/.test(normalized)) return true;
  return /\.(service|socket|target|timer)\.d\/[^/]+\.conf$/.test(normalized);
}

/** The template a unit instance comes from (`app@1.service` -> `app@.service`), or undefined. */
export function templateOf(unitName: string): string | undefined {
  const match = /^([^@]+)@[^@]+(\.[a-z]+)$/.exec(unitName);
  return match && !unitName.includes('@.') ? `${match[1]}@${match[2]}` : undefined;
}
