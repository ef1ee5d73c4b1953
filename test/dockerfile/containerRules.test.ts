/**
 * container/no-init and container/runs-as-root read only ContainerFacts, so every runtime counts: hand-built models
 * for Docker, compose (`init: true`) and a base image whose user is not known.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerFacts } from '../../server/src/deployment/model';
import { rule as noInit } from '../../server/src/deployment/rules/no-init';
import { baseRunsAsRoot, rule as runsAsRoot } from '../../server/src/deployment/rules/runs-as-root';
import { fromCommandLine, invocation, known, model, place, settings, sourced } from '../support/deploymentModel';

function container(overrides: Partial<ContainerFacts> = {}): ContainerFacts {
  return { runtime: 'docker', containerPorts: [], probes: [], hostnames: [], copies: [], ...overrides };
}

test('no-init: a shell or script as PID 1 without an init; quiet for gunicorn, an init, or a shell-form CMD', () => {
  const script = place('Dockerfile', 100, 120);
  const findings = noInit.check(model([invocation({ host: 'dockerfile', container: container({ pid1: sourced('script', script) }) })]));
  assert.deepEqual(
    findings.map((f) => [f.rule, f.range.start]),
    [['container/no-init', 100]],
  );
  assert.match(findings[0].message, /exec "\$@"/);
  const shell = noInit.check(model([invocation({ container: container({ pid1: sourced('shell', script) }) })]));
  assert.match(shell[0].message, /exec gunicorn/);
  for (const quiet of [
    container({ pid1: sourced('gunicorn', script) }),
    container({ pid1: sourced('script', script), init: sourced('tini', script) }),
    container({ runtime: 'compose', pid1: sourced('init', script), init: sourced('docker-init', place('compose.yaml', 5)) }),
    container({ pid1: sourced('shell', script), shellForm: script }),
    container({}),
  ])
    assert.deepEqual(noInit.check(model([invocation({ container: quiet })])), []);
  assert.deepEqual(noInit.check(model([invocation({})])), []);
});

test('runs-as-root: only for an image read from the workspace, built on a base known to run as root', () => {
  const from = sourced('python:3.12-slim', place('Dockerfile', 5, 21));
  const image = { dockerfile: '/work/project/Dockerfile', baseImage: from };
  assert.equal(runsAsRoot.check(model([invocation({ container: container(image) })])).length, 1);
  assert.equal(runsAsRoot.check(model([invocation({ container: container({ ...image, user: sourced('0:0', place('Dockerfile', 30)) }) })])).length, 1);
  for (const quiet of [
    container({ ...image, user: sourced('app', place('Dockerfile', 30)) }),
    container({ ...image, user: sourced('$APP_USER', place('Dockerfile', 30)) }),
    container({ baseImage: from }),
    container({ dockerfile: '/work/project/Dockerfile', baseImage: sourced('gcr.io/distroless/python3:nonroot', place('Dockerfile', 5)) }),
    container({ dockerfile: '/work/project/Dockerfile' }),
  ])
    assert.deepEqual(runsAsRoot.check(model([invocation({ container: quiet })])), []);
  // gunicorn drops privileges itself.
  const dropped = invocation({ container: container(image), settings: settings({ user: fromCommandLine(known('app'), 'Dockerfile', 40, '--user') }) });
  assert.deepEqual(runsAsRoot.check(model([dropped])), []);
  for (const base of ['python', 'python:3.12-slim-bookworm', 'docker.io/library/python:3.12', 'library/debian:12', 'alpine@sha256:abc0'])
    assert.ok(baseRunsAsRoot(base), base);
  for (const base of ['mycorp/python', 'ghcr.io/org/python:3.12', 'gcr.io/distroless/python3', undefined]) assert.ok(!baseRunsAsRoot(base), String(base));
});
