/**
 * Web framework entry points by qualified name, and whether what they make speaks WSGI or ASGI. A gunicorn sync,
 * gthread, gevent or eventlet worker calls a WSGI app; an ASGI app needs an ASGI worker (uvicorn's), so the kind
 * decides which worker classes can serve the app.
 */
import type { PythonAppKind } from './types';

export interface FrameworkEntry {
  framework: string;
  kind: PythonAppKind;
}

const wsgi = (framework: string): FrameworkEntry => ({ framework, kind: 'wsgi' });
const asgi = (framework: string): FrameworkEntry => ({ framework, kind: 'asgi' });

/** Calls that create an app. */
export const APP_CONSTRUCTORS: ReadonlyMap<string, FrameworkEntry> = new Map([
  ['flask.Flask', wsgi('flask')],
  ['flask.app.Flask', wsgi('flask')],
  ['quart.Quart', asgi('quart')],
  ['quart.app.Quart', asgi('quart')],
  ['django.core.wsgi.get_wsgi_application', wsgi('django')],
  ['django.core.handlers.wsgi.WSGIHandler', wsgi('django')],
  ['django.core.asgi.get_asgi_application', asgi('django')],
  ['django.core.handlers.asgi.ASGIHandler', asgi('django')],
  ['fastapi.FastAPI', asgi('fastapi')],
  ['fastapi.applications.FastAPI', asgi('fastapi')],
  ['starlette.applications.Starlette', asgi('starlette')],
  ['litestar.Litestar', asgi('litestar')],
  ['litestar.app.Litestar', asgi('litestar')],
  ['starlite.Starlite', asgi('starlite')],
  ['bottle.Bottle', wsgi('bottle')],
  ['bottle.default_app', wsgi('bottle')],
  // falcon.App is WSGI; falcon.API is its name before Falcon 3. falcon.asgi.App is the ASGI flavour.
  ['falcon.App', wsgi('falcon')],
  ['falcon.API', wsgi('falcon')],
  ['falcon.app.App', wsgi('falcon')],
  ['falcon.asgi.App', asgi('falcon')],
]);

/**
 * Pyramid builds its app from a Configurator: `config.make_wsgi_app()`. The receiver is any variable, so this one is
 * matched by method name in a module that imports pyramid.
 */
export const PYRAMID_APP_METHOD = 'make_wsgi_app';

/** Middleware that turns one kind into the other: the result has the wrapper's kind whatever the inner app is. */
export const KIND_CONVERTERS: ReadonlyMap<string, FrameworkEntry> = new Map([
  ['asgiref.wsgi.WsgiToAsgi', asgi('asgiref')],
  ['a2wsgi.WSGIMiddleware', asgi('a2wsgi')],
  ['a2wsgi.wsgi.WSGIMiddleware', asgi('a2wsgi')],
  ['a2wsgi.ASGIMiddleware', wsgi('a2wsgi')],
  ['a2wsgi.asgi.ASGIMiddleware', wsgi('a2wsgi')],
  ['starlette.middleware.wsgi.WSGIMiddleware', asgi('starlette')],
  ['fastapi.middleware.wsgi.WSGIMiddleware', asgi('fastapi')],
  ['uvicorn.middleware.wsgi.WSGIMiddleware', asgi('uvicorn')],
]);

/** Middleware that wraps an app and keeps its kind (`app = ProxyFix(app)`): the kind is the inner app's. */
export const KIND_KEEPERS: ReadonlyMap<string, string> = new Map([
  ['werkzeug.middleware.proxy_fix.ProxyFix', 'werkzeug'],
  ['werkzeug.contrib.fixers.ProxyFix', 'werkzeug'],
  ['werkzeug.middleware.shared_data.SharedDataMiddleware', 'werkzeug'],
  ['werkzeug.middleware.dispatcher.DispatcherMiddleware', 'werkzeug'],
  ['whitenoise.WhiteNoise', 'whitenoise'],
  ['sentry_sdk.integrations.wsgi.SentryWsgiMiddleware', 'sentry'],
  ['sentry_sdk.integrations.asgi.SentryAsgiMiddleware', 'sentry'],
  ['opentelemetry.instrumentation.wsgi.OpenTelemetryMiddleware', 'opentelemetry'],
  ['opentelemetry.instrumentation.asgi.OpenTelemetryMiddleware', 'opentelemetry'],
  ['dj_static.Cling', 'dj_static'],
]);
