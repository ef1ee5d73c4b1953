/**
 * What a run used, told to the launcher (server/src/launcher.ts) that started it: the launcher keeps its V8 code
 * cache covering every feature runs have used, and writes the cache again only when a run used something new. A
 * plain function on a global symbol, because the launcher and the bundle are separate scripts; without a launcher
 * (tests, `node out/...`) nothing listens and nothing happens.
 */
export const FEATURES_USED = Symbol.for('gunicorn-lint.features-used');

export function noteFeaturesUsed(features: Iterable<string>): void {
  const listener = (globalThis as Record<symbol, unknown>)[FEATURES_USED];
  if (typeof listener !== 'function') return;
  for (const feature of features) (listener as (feature: string) => void)(feature);
}
