/**
 * deploy/config-not-found: `-c PATH` names a config file the workspace does not have, at a place the workspace
 * can answer for. gunicorn refuses to start when the file is missing. Places we answer for:
 *   - a relative path, when the working directory it is read from maps to a workspace folder (WorkingDirectory=
 *     or --chdir that the model ties to the repository, a Procfile's own folder);
 *   - an absolute path under the deployed working directory, when that maps to a workspace folder
 *     (WorkingDirectory=/srv/myapp, -c /srv/myapp/conf/gunicorn.py);
 *   - an absolute path inside the workspace root.
 * An absolute deploy path (/etc/myapp/gunicorn.conf.py) is found by base name anywhere in the workspace; when
 * even that fails the file may be written at deploy time (a template, configuration management), so nothing is
 * said. `python:module` configs and paths with variables are not files we can look for. In a container the path is
 * inside the image: it is traced back through COPY (ContainerFacts.configSource) and judged only when a COPY from
 * the workspace covers it.
 */
import * as path from 'node:path';
import { unique } from '../findings';
import type { Invocation } from '../model';
import type { DeploymentFinding, DeploymentRule } from '../rule';

const RULE_ID = 'deploy/config-not-found';

/** The file gunicorn would open, as a workspace path; undefined when the workspace cannot answer for it. */
function expectedFile(invocation: Invocation, written: string, root: string): string | undefined {
  if (written.startsWith('python:') || /[$%`*?]/.test(written) || written.trim() === '') return undefined;
  const file = written.startsWith('file:') ? written.slice('file:'.length) : written;
  if (path.posix.isAbsolute(file)) {
    const normal = path.posix.normalize(file);
    if (normal.startsWith(`${root.replace(/\/$/, '')}/`)) return normal;
    const deployed = invocation.workingDirectory?.value.replace(/^-/, '');
    const folder = invocation.workingDirectory?.workspaceFolder;
    if (!deployed || !folder || !path.posix.isAbsolute(deployed)) return undefined;
    const below = path.posix.relative(deployed, normal);
    return below && !below.startsWith('..') ? path.posix.join(folder, below) : undefined;
  }
  const folder = invocation.workingDirectory
    ? invocation.workingDirectory.workspaceFolder
    : invocation.host === 'procfile'
      ? path.posix.dirname(invocation.hostPath)
      : undefined;
  return folder ? path.posix.join(folder, file) : undefined;
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'error',
  summary: '`-c PATH` names a config file that the workspace does not have at that place.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const config = invocation.config;
      // In a container the config is where a COPY put it, whatever the workspace holds elsewhere.
      if (invocation.container) {
        const source = invocation.container.configSource;
        if (!config?.written || !source || source.exists) continue;
        const shown = path.posix.relative(model.root, source.file) || source.file;
        findings.push({
          rule: RULE_ID,
          path: config.written.place.path,
          range: config.written.place.range,
          message: `gunicorn loads its config from ${source.imagePath} inside the image, which a COPY fills from ${shown} in this workspace, and there is no such file: gunicorn reports that it cannot read the config and exits before serving anything.`,
          related: [{ path: source.copy.path, range: source.copy.range, message: 'this COPY brings it into the image' }],
        });
        continue;
      }
      if (!config?.written || config.path !== undefined) continue;
      const expected = expectedFile(invocation, config.written.value, model.root);
      if (!expected) continue;
      const shown = path.posix.relative(model.root, expected) || expected;
      findings.push({
        rule: RULE_ID,
        path: config.written.place.path,
        range: config.written.place.range,
        message: `gunicorn loads its config from ${config.written.value}, which would be ${shown} in this workspace, and there is no such file: gunicorn reports that it cannot read the config and exits before serving anything.`,
      });
    }
    return unique(findings);
  },
};
