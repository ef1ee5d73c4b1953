/**
 * The README's recipes for each way in name what exists: the workflow's action inputs are the action's, the
 * pre-commit hook id is the hook's, and the tags and versions they pin are this release's.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from '../support/repo';

const readme = () => fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
const version = () => (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
const yamlBlocks = (text: string) => [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]) as unknown);

interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
}

test("the README's workflow uses the action's inputs, at this release's tag, and uploads the SARIF it writes", () => {
  const workflow = yamlBlocks(readme()).find((block) => JSON.stringify(block).includes('gunicorn-deploy/gunicorn-deploy@')) as Workflow | undefined;
  assert.ok(workflow, 'the README has a workflow');
  const action = parse(fs.readFileSync(path.join(repoRoot(), 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const lint = steps.find((step) => step.uses?.startsWith('gunicorn-deploy/gunicorn-deploy@'));
  assert.equal(lint?.uses, `gunicorn-deploy/gunicorn-deploy@v${version()}`);
  assert.deepEqual(
    Object.keys(lint?.with ?? {}).filter((input) => !(input in action.inputs)),
    [],
  );
  const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.equal(upload?.with?.sarif_file, lint?.with?.['sarif-file']);
  assert.equal(workflow.permissions['security-events'], 'write');
});

test("the README's pre-commit config names the hook, at this release's tag, and the CLI of the same version", () => {
  const config = yamlBlocks(readme()).find((block) => JSON.stringify(block).includes('"repos"')) as
    | { repos: { repo: string; rev: string; hooks: { id: string }[] }[] }
    | undefined;
  assert.ok(config, 'the README has a pre-commit config');
  const hooks = parse(fs.readFileSync(path.join(repoRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[];
  const [repo] = config.repos;
  assert.equal(repo.rev, `v${version()}`);
  for (const hook of repo.hooks)
    assert.ok(
      hooks.some((h) => h.id === hook.id),
      hook.id,
    );
  assert.ok(readme().includes(`npm install -g @gunicorn-deploy/gunicorn-lint@${version()}`));
});
