/**
 * Which documents the VS Code client hands to the server. Kept apart from extension.ts (which needs the
 * `vscode` module) so a test can check it against the server's own file matching.
 *
 * Python files stay Python: Pylance or any other Python extension keeps the language, and only files named like
 * gunicorn configs (plus the user's extra globs) are sent to the server.
 */
import type { DocumentFilter } from 'vscode-languageclient/node';

/** Must match the id contributed in package.json and the server's systemd format. */
export const SYSTEMD_LANGUAGE = 'systemd-unit-file';
export const NGINX_LANGUAGE = 'nginx';
export const REQUIREMENTS_LANGUAGE = 'pip-requirements';
export const PROCFILE_LANGUAGE = 'procfile';
/** The Docker extension's id for compose files; without it VS Code calls them `yaml`. */
export const COMPOSE_LANGUAGE = 'dockercompose';
export const YAML_LANGUAGE = 'yaml';
/** The names `docker compose` reads (the server's formats/compose claims the same). */
export const COMPOSE_PATTERN = '**/{compose.yaml,compose.yml,compose.*.yaml,compose.*.yml,docker-compose*.yaml,docker-compose*.yml}';
/**
 * Kubernetes manifests: the server claims any YAML whose first bytes hold `apiVersion:` and `kind:`, but VS Code
 * cannot select by content, so the client sends the YAML of the usual manifest folders and names; the server ignores
 * those that are no manifest. Manifests elsewhere get the CLI's and the workspace diagnostics' findings.
 */
export const MANIFEST_PATTERNS = ['**/{k8s,kubernetes,manifests,deploy,kustomize}/**/*.{yaml,yml}', '**/*deployment*.{yaml,yml}'];
/** VS Code's own id for Dockerfiles (`Dockerfile`, `*.dockerfile`, `Dockerfile.*`, `Containerfile`): every one is sent. */
export const DOCKERFILE_LANGUAGE = 'dockerfile';
/**
 * supervisord configs are INI; VS Code's `ini` language also covers every `.ini`, and `.conf` is no one language, so
 * only the names the server claims by name are sent (package.json gives them the `ini` language). A `conf.d/*.conf`
 * the server claims by its `[program:x]` content gets the CLI's and the workspace diagnostics' findings.
 */
export const SUPERVISORD_LANGUAGE = 'ini';
/**
 * VS Code's id for shell scripts: every one is sent, and the server claims only those whose first bytes start
 * gunicorn (entrypoint and start scripts); it answers nothing for the others.
 */
export const SHELLSCRIPT_LANGUAGE = 'shellscript';
export const SUPERVISORD_PATTERNS = ['**/supervisord.conf', '**/*.{supervisor,supervisord}.conf', '**/{supervisor,supervisord}/**/*.{conf,ini}'];
/**
 * The gunicorn configs named as such. Files whose names leave it to their content (`gunicorn.py`, `gunicorn.conf`)
 * and configs named only by a command line's `-c` are linted by the CLI and the server's workspace diagnostics,
 * but VS Code cannot select by content, so they are not sent as open documents.
 */
export const GUNICORN_CONFIG_PATTERN =
  '**/{gunicorn.conf.py,gunicorn_conf.py,gunicorn*.conf.py,gunicorn_config.py,gunicorn-config.py,gunicorn.config.py,gunicorn_cfg.py,gunicorn-cfg.py,gunicorn/**/*.py}';
/** Files whose changes on disk can change findings in other files; the server re-reads them. */
export const WATCHED_GLOBS = [
  '**/*.{py,conf,service,socket,txt,toml,cfg,lock,yaml,yml,ini,sh,env,template}',
  '**/{Pipfile,Procfile,Procfile.*,Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile}',
];

export function documentSelector(extraGlobs: readonly string[]): DocumentFilter[] {
  const python = [GUNICORN_CONFIG_PATTERN, ...extraGlobs.map(anywhere)].map((pattern): DocumentFilter => ({ scheme: 'file', language: 'python', pattern }));
  return [
    ...python,
    { scheme: 'file', language: NGINX_LANGUAGE },
    { scheme: 'file', language: SYSTEMD_LANGUAGE },
    { scheme: 'file', language: REQUIREMENTS_LANGUAGE },
    { scheme: 'file', language: PROCFILE_LANGUAGE },
    { scheme: 'file', language: COMPOSE_LANGUAGE },
    { scheme: 'file', language: YAML_LANGUAGE, pattern: COMPOSE_PATTERN },
    ...MANIFEST_PATTERNS.map((pattern): DocumentFilter => ({ scheme: 'file', language: YAML_LANGUAGE, pattern })),
    { scheme: 'file', language: DOCKERFILE_LANGUAGE },
    ...SUPERVISORD_PATTERNS.map((pattern): DocumentFilter => ({ scheme: 'file', language: SUPERVISORD_LANGUAGE, pattern })),
    { scheme: 'file', language: SHELLSCRIPT_LANGUAGE },
  ];
}

/** Settings hold workspace-relative globs; a document filter matches absolute paths. */
export function anywhere(glob: string): string {
  const trimmed = glob.trim().replace(/^\.\//, '');
  return trimmed.startsWith('**/') || trimmed.startsWith('/') ? trimmed : `**/${trimmed}`;
}
