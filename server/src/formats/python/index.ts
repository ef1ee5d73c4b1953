/**
 * Python modules read for the deployment model: the facts of one module (readPythonModule), and the app a target
 * names across workspace modules (loader, names, kinds). Not a registered format (no checks of its own):
 * deployment/app.ts reads modules through it.
 */
export { readPythonModule } from './read';
export { resolveModule, type PythonModule } from './modules';
export { ModuleLoader } from './loader';
export { resolveName, lastBinding, type NameResolution } from './resolveName';
export { AppKindEvaluator, type AppKindFound, type FactoryCall } from './appKind';
export type * from './types';
