/**
 * gunicorn/preload-db-pool: with `preload_app` the master imports the app, and a database engine or pool created
 * at import is forked into every worker with its open connections. Workers then talk over the same sockets and
 * corrupt each other's sessions. The cure is a `post_fork` hook that drops the inherited connections; the fix writes
 * it (see ../postFork.ts for what it calls per library and version), or turns preload off.
 */
import type { Fix } from '../../core/findings';
import { settingNamed } from '../../knowledge/gunicorn/index';
import { boolSetting } from '../effective';
import { invocationOf, related, unique } from '../findings';
import { hookEdit, hookTarget } from '../hookEdits';
import type { DatabasePool, Invocation } from '../model';
import { hooksDropConnections, postForkBody } from '../postFork';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';
import { turnOffEdits } from '../settingEdits';

const RULE_ID = 'gunicorn/preload-db-pool';

const LIBRARY: Record<DatabasePool['library'], string> = {
  sqlalchemy: 'SQLAlchemy engine',
  'sqlalchemy-async': 'SQLAlchemy async engine',
  'flask-sqlalchemy': 'Flask-SQLAlchemy engine',
  'psycopg2-pool': 'psycopg2 connection pool',
  'psycopg-pool': 'psycopg connection pool',
  django: 'Django database connection',
};

function describe(pool: DatabasePool): string {
  return `${LIBRARY[pool.library]}${pool.variable ? ` \`${pool.variable}\`` : ''}`;
}

/** The worker-start hooks in the config say nothing about connections (no config at all counts as none). */
function noHookDrops(invocation: Invocation, pools: readonly DatabasePool[]): boolean {
  const config = invocation.config;
  if (!config?.path) return !config?.written; // a `-c` file outside the workspace may well have the hook
  if (!config.model) return false;
  return hooksDropConnections(config.model, pools) === false;
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: '`preload_app` on while the app opens a database engine or pool at import, and no `post_fork` disposes it.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const pools = invocation.app?.pools ?? [];
      if (pools.length === 0 || boolSetting(invocation, 'preload_app') !== true) continue;
      const site = settingSite(invocation, 'preload_app');
      if (!site || !noHookDrops(invocation, pools)) continue;
      const body = postForkBody(invocation, invocation.app!, hookParams(invocation));
      const target = hookTarget(invocation, 'post_fork');
      const why = 'reason' in body ? ` No hook is offered: ${body.reason}.` : target.kind === 'none' ? ` No hook is offered: ${target.reason}.` : '';
      findings.push({
        rule: RULE_ID,
        path: site.path,
        range: site.range,
        message:
          `\`preload_app\` imports the app once in the master, so the ${pools.map(describe).join(', ')} it creates at import is ` +
          `forked into every worker with its open connections: workers share sockets and corrupt each other's sessions. ` +
          `Drop them in a \`post_fork\` hook, or turn preload off.${why}`,
        related: pools.flatMap((pool) => related(pool.place, `${describe(pool)} created at import here`)),
        data: { invocation: invocation.id },
      });
    }
    return unique(findings);
  },
  fixes(finding, { model, project }) {
    const invocation = invocationOf(model.invocations, finding.data);
    if (!invocation?.app) return [];
    const fixes: Fix[] = [];
    const body = postForkBody(invocation, invocation.app, hookParams(invocation));
    const edit = 'lines' in body ? hookEdit(invocation, project, 'post_fork', ['server', 'worker'], body.lines) : undefined;
    if (edit) {
      const what = invocation.app.pools.map((pool) => (pool.library === 'django' ? 'Django connections' : `\`${pool.variable}\``));
      const verb = edit.createFile
        ? 'Create gunicorn.conf.py with a `post_fork` hook that drops'
        : hookTarget(invocation, 'post_fork').kind === 'extend'
          ? 'Drop'
          : 'Add a `post_fork` hook that drops';
      const tail = hookTarget(invocation, 'post_fork').kind === 'extend' ? ' in `post_fork`' : '';
      fixes.push({ title: `${verb} the inherited connections of ${[...new Set(what)].join(', ')}${tail}`, edits: [edit], safe: false, preferred: true });
    }
    const off = turnOffEdits(invocation, project, 'preload_app');
    if (off) fixes.push({ title: 'Turn preload_app off', edits: off, safe: false });
    return fixes;
  },
};

/** The names the hook's parameters take: the existing `post_fork`'s own, else gunicorn's documented ones. */
function hookParams(invocation: Invocation): string[] {
  const target = hookTarget(invocation, 'post_fork');
  if (target.kind === 'extend') return target.definition.params.map((param) => param.name);
  return settingNamed('post_fork')?.hookParams ?? ['server', 'worker'];
}
