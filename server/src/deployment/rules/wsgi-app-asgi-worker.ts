/**
 * gunicorn/wsgi-app-asgi-worker: an ASGI worker (uvicorn's, gunicorn's own `asgi`) awaits the app as a coroutine;
 * a WSGI app (Flask, Django's WSGI application) is a plain callable and fails on every request (uvicorn's
 * worker has no WSGI fallback). The app or the worker must change, and only the user knows which, so no fix.
 */
import { related, unique } from '../findings';
import { frameworkName } from '../frameworkNames';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';
import { workerInUse } from '../workerClass';

const RULE_ID = 'gunicorn/wsgi-app-asgi-worker';

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A WSGI app (Flask, Django WSGI) served by an ASGI worker class.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const app = invocation.app;
      const inUse = workerInUse(invocation);
      const site = settingSite(invocation, 'worker_class');
      if (!app?.kind || app.kind.value !== 'wsgi' || !inUse?.worker.asgi || !site) continue;
      findings.push({
        rule: RULE_ID,
        path: site.path,
        range: site.range,
        message:
          `\`${app.target.value}\` is a WSGI app (${frameworkName(app.kind.framework)}), but \`${inUse.written}\` is an ASGI worker: it awaits the ` +
          `app as a coroutine and requests fail. Use a WSGI worker (\`sync\`, \`gthread\`, \`gevent\`), or serve the framework's ASGI app.`,
        related: related(app.kind.place, `the ${frameworkName(app.kind.framework)} app is created here`),
      });
    }
    return unique(findings);
  },
};
