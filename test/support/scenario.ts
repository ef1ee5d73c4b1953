/** A fixture scenario: a folder linted as one workspace by the real language service. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Settings } from '../../server/src/core/settings';
import { LanguageService } from '../../server/src/service/languageService';

export function listScenarios(domainDir: string): string[] {
  if (!fs.existsSync(domainDir)) return [];
  return fs
    .readdirSync(domainDir)
    .filter((name) => !name.startsWith('.') && fs.statSync(path.join(domainDir, name)).isDirectory())
    .sort()
    .map((name) => path.join(domainDir, name));
}

/** Optional `.settings.json` in the scenario folder: settings for that scenario only. */
export function scenarioSettings(dir: string): Partial<Settings> {
  const file = path.join(dir, '.settings.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Settings>) : {};
}

export async function openScenario(dir: string): Promise<LanguageService> {
  return LanguageService.create({ root: dir, settings: scenarioSettings(dir) });
}
