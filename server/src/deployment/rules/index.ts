/**
 * Every cross-file check, in the order they run. Each lives in `<slug>.ts` (its id's slug) and exports `rule`.
 * Two lists only so that the gunicorn checks and the deploy checks can grow side by side; they run as one.
 */
import type { DeploymentRule } from '../rule';

/** gunicorn/ checks that need more than the config file: the app, the requirements, the supervisor. */
const GUNICORN_DEPLOYMENT_RULES: readonly DeploymentRule[] = [
];

/** deploy/ checks and the systemd checks that read the deployment (runtime-directory, nofile-limit). */
const DEPLOY_RULES: readonly DeploymentRule[] = [
];

export const DEPLOYMENT_RULES: readonly DeploymentRule[] = [...GUNICORN_DEPLOYMENT_RULES, ...DEPLOY_RULES];
