/** What the server calls itself in initialize's serverInfo. The build may define the version; tsc output says "dev". */
declare const __GUNICORN_LINT_VERSION__: string | undefined;

export const SERVER_NAME = 'gunicorn-lint';
export const SERVER_VERSION: string =
  typeof __GUNICORN_LINT_VERSION__ === 'string' ? __GUNICORN_LINT_VERSION__ : 'dev';
