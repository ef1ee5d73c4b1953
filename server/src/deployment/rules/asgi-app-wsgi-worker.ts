/**
 * gunicorn/asgi-app-wsgi-worker: an ASGI app (FastAPI, Starlette, Quart, Django's ASGI application) is a coroutine
 * taking (scope, receive, send); a WSGI worker calls it as `app(environ, start_response)` and every request fails.
 * The fix switches to the maintained uvicorn worker, and lists its package where gunicorn is listed.
 */
import type { FileEdit, Fix } from '../../core/findings';
import { settingOf } from '../effective';
import { invocationOf, related, unique } from '../findings';
import { currentConfig, hookTarget } from '../hookEdits';
import type { Invocation } from '../model';
import { providerOf } from '../packageProviders';
import { appendFunction, newlineOf } from '../pythonEdits';
import { addRequirementEdit } from '../requirementEdits';
import { frameworkName } from '../frameworkNames';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';
import { configValueEdit, flagValueEdit } from '../settingEdits';
import { insertLineAfter, quoteOf } from '../../formats/gunicorn/rules/facts';
import { workerInUse } from '../workerClass';
import type { Project } from '../../core/format';

const RULE_ID = 'gunicorn/asgi-app-wsgi-worker';
const UVICORN_WORKER = 'uvicorn_worker.UvicornWorker';

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'error',
  summary: 'An ASGI app (FastAPI, Starlette, Quart, Django ASGI) served by a WSGI worker class.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const app = invocation.app;
      const inUse = workerInUse(invocation);
      if (!app?.kind || app.kind.value !== 'asgi' || !inUse || inUse.worker.asgi) continue;
      // gunicorn's default worker has no line of its own: the app target is then the line that decides.
      const site = settingSite(invocation, 'worker_class') ?? app.target.place;
      findings.push({
        rule: RULE_ID,
        path: site.path,
        range: site.range,
        message:
          `\`${app.target.value}\` is an ASGI app (${frameworkName(app.kind.framework)}), but the ${inUse.written} worker speaks WSGI: it calls the ` +
          `app with (environ, start_response) and every request fails. Use an ASGI worker such as \`${UVICORN_WORKER}\`.`,
        related: related(app.kind.place, `the ${frameworkName(app.kind.framework)} app is created here`),
        data: { invocation: invocation.id },
      });
    }
    return unique(findings);
  },
  fixes(finding, { model, project }) {
    const invocation = invocationOf(model.invocations, finding.data);
    const edit = invocation && workerClassEdit(invocation, project);
    if (!invocation || !edit) return [];
    const edits: FileEdit[] = [edit];
    if (invocation.requirements && !providerOf(invocation.requirements, 'uvicorn-worker')) {
      const requirement = addRequirementEdit(invocation, project, 'uvicorn-worker');
      if (requirement) edits.push(requirement);
    }
    const fix: Fix = { title: `Use the ${UVICORN_WORKER} worker`, edits, safe: false, preferred: true };
    return [fix];
  },
};

/** Sets the worker class where it is set; where it is gunicorn's default, adds `worker_class` to the config. */
function workerClassEdit(invocation: Invocation, project: Project): FileEdit | undefined {
  const setting = settingOf(invocation, 'worker_class');
  if (setting.source === 'config') {
    const config = currentConfig(invocation, project);
    const written = config && setting.place ? config.text.slice(setting.place.range.start, setting.place.range.end) : '';
    const quote = /^[rRuU]?["']/.test(written) ? quoteOf(written) : '"';
    return configValueEdit(invocation, project, setting, `${quote}${UVICORN_WORKER}${quote}`);
  }
  if (setting.source !== 'default') return flagValueEdit(project, setting, UVICORN_WORKER);
  const line = `worker_class = "${UVICORN_WORKER}"`;
  const config = currentConfig(invocation, project);
  if (config) {
    // Beside the other settings: after the last module-level assignment, else at the end.
    const last = [...(invocation.config?.model?.assignments ?? [])].reverse().find((assignment) => assignment.branch.length === 0);
    const edit = last
      ? insertLineAfter(config.text, last.statementRange.start, last.statementRange.end, line)
      : config.text.trim() === ''
        ? appendFunction(config.text, line + newlineOf(config.text))
        : appendLine(config.text, line);
    return { path: config.path, ...edit };
  }
  const target = hookTarget(invocation, 'worker_class');
  if (target.kind !== 'create' || project.exists(target.path)) return undefined;
  return { path: target.path, range: { start: 0, end: 0 }, newText: `${line}\n`, createFile: true };
}

/** A new last line of the file, at module level. */
function appendLine(text: string, line: string): { range: { start: number; end: number }; newText: string } {
  const newline = newlineOf(text);
  const ending = text.endsWith('\n') ? '' : newline;
  return { range: { start: text.length, end: text.length }, newText: `${ending}${line}${newline}` };
}
