/**
 * `gunicornLint/deploymentMap`: the workspace's deployment map (service/deploymentMap.ts) as JSON, for the editor's
 * map view. Params: `{ folder?: string }` (a folder URI); this server has one workspace, so another folder gets
 * `null`. The client asks again after edits (the map is built from the same revision as the diagnostics).
 */
import { deploymentMap, type DeploymentGraph } from '../service/deploymentMap';
import type { LanguageService } from '../service/languageService';
import { uriToPath } from './uris';

export const DEPLOYMENT_MAP_METHOD = 'gunicornLint/deploymentMap';

export interface DeploymentMapParams {
  folder?: string;
}

/** The request's handler over the server's one service; a failure is logged and answered `null`. */
export function deploymentMapHandler(
  service: () => Promise<LanguageService | undefined>,
  log: (message: string) => void,
): (params: DeploymentMapParams | null | undefined) => Promise<DeploymentGraph | null> {
  return async (params) => {
    try {
      const current = await service();
      if (!current) return null;
      const folder = typeof params?.folder === 'string' ? uriToPath(params.folder) : undefined;
      if (folder !== undefined && folder.replace(/[\\/]+$/, '') !== current.root.replace(/[\\/]+$/, '')) return null;
      return deploymentMap(current);
    } catch (error) {
      log(`${DEPLOYMENT_MAP_METHOD} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  };
}
