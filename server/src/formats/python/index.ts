/**
 * Python modules read for the deployment model: the app a target names and what it does on import. Not a
 * registered format (no checks of its own): deployment/app.ts reads modules through it.
 */
export { readPythonModule } from './read';
export { resolveModule, moduleFile, type PythonModule } from './modules';
export type * from './types';
