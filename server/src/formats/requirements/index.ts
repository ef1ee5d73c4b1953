/** The requirements reader: which Python packages (and which gunicorn) a project declares. */
export * from './types';
export { normalisePackageName, parseRequirementSpec, pinnedVersion, type ParsedSpec } from './names';
export { parseRequirementsTxt, parseRequirementsTxtWithIncludes, MAX_INCLUDE_DEPTH, type ReadFile } from './requirementsTxt';
export { parsePyproject } from './pyproject';
export { parsePipfile } from './pipfile';
export { parseSetupCfg } from './setupCfg';
export { parseLockFile, LOCK_FILE_NAMES, type LockedPackage } from './lockFiles';
export { findRequirements, gunicornVersionFromRequirements } from './find';
export { requirementsFor } from './cache';
export { gunicornVersionFor, gunicornVersionOf, type GunicornVersion } from './gunicornVersion';
