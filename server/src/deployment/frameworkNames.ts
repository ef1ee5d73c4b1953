/**
 * How messages name a framework: the app facts carry the lower-case key of formats/python/frameworks.ts
 * (`fastapi`), a person reads `FastAPI`. Keys without an entry are shown as they are.
 */
import type { AppFacts } from './model';

const DISPLAY: Readonly<Record<string, string>> = {
  flask: 'Flask',
  quart: 'Quart',
  django: 'Django',
  fastapi: 'FastAPI',
  starlette: 'Starlette',
  litestar: 'Litestar',
  starlite: 'Starlite',
  bottle: 'Bottle',
  falcon: 'Falcon',
  pyramid: 'Pyramid',
  asgiref: 'asgiref',
  a2wsgi: 'a2wsgi',
  uvicorn: 'uvicorn',
};

export function frameworkName(framework: string): string {
  return DISPLAY[framework.toLowerCase()] ?? framework;
}

/**
 * The target is the framework's app object itself (`app = Flask(__name__)`), not middleware around it
 * (`app = ProxyFix(app)`): the app was created in the statement that defines the target's name, right after it.
 */
export function targetIsAppObject(app: AppFacts): boolean {
  const kind = app.kind;
  const definition = app.definition;
  if (!kind || !definition || app.factory || kind.place.path !== definition.path) return false;
  const gap = kind.place.range.start - definition.range.end;
  return gap > 0 && gap <= 80;
}
