/** The Kubernetes format: claiming by content, manifests with exact ranges, the gunicorn facts and sites. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { commandSites, cpuQuantity, isManifestFile, manifestFacts, parseManifests } from '../../server/src/formats/kubernetes';
import { looksLikeManifest } from '../../server/src/formats/kubernetes/index';

const slice = (text: string, range: { start: number; end: number }) => text.slice(range.start, range.end);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      terminationGracePeriodSeconds: 45
      securityContext:
        runAsUser: 1000
      containers:
        - name: web
          image: example/web:1
          command: ["gunicorn"]
          args:
            - --bind
            - 0.0.0.0:8000
            - 'app:app'
          env:
            - name: GUNICORN_CMD_ARGS
              value: "--workers 3"
            - name: SECRET
              valueFrom:
                secretKeyRef: {name: s, key: k}
          ports:
            - containerPort: 8000
              name: http
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 20
          resources:
            limits:
              cpu: 500m
          workingDir: /app
        - name: sidecar
          image: envoyproxy/envoy
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: prod
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
`;

test('claims YAML by its first bytes when offered, else by folder and name', () => {
  assert.ok(looksLikeManifest(DEPLOYMENT));
  assert.ok(!looksLikeManifest('services:\n  web: {}\n'));
  assert.ok(!looksLikeManifest('apiVersion: v2\nname: chart\n'), 'Chart.yaml has no kind');
  assert.ok(!looksLikeManifest('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n'));
  assert.ok(isManifestFile('/w/anything.yaml', () => DEPLOYMENT));
  assert.ok(!isManifestFile('/w/k8s/values.yaml', () => 'replicas: 2\n'));
  assert.ok(!isManifestFile('/w/k8s/notes.txt', () => DEPLOYMENT));
  assert.ok(isManifestFile('/w/k8s/web.yaml'));
  assert.ok(isManifestFile('/w/web-deployment.yml'));
  assert.ok(!isManifestFile('/w/.github/workflows/ci.yml'));
});

test('cpu quantities', () => {
  assert.equal(cpuQuantity('500m'), 0.5);
  assert.equal(cpuQuantity('2'), 2);
  assert.equal(cpuQuantity('1.5'), 1.5);
  assert.equal(cpuQuantity('lots'), undefined);
});

test('objects, pod spec and containers with their places', () => {
  const doc = parseManifests(DEPLOYMENT, '/w/k8s/web.yaml');
  assert.deepEqual(
    doc.objects.map((o) => [o.kind, o.name, o.namespace]),
    [
      ['Deployment', 'web', 'prod'],
      ['Service', 'web', 'prod'],
    ],
  );
  const pod = doc.objects[0].pod!;
  assert.equal(pod.terminationGracePeriodSeconds?.value, 45);
  assert.equal(slice(DEPLOYMENT, pod.terminationGracePeriodSeconds.range), '45');
  assert.equal(pod.runAsUser?.value, 1000);
  assert.deepEqual(
    [...pod.labels],
    [
      ['app', 'web'],
      ['tier', 'front'],
    ],
  );
  assert.equal(pod.containersKey?.column, 6);
  const [web, sidecar] = pod.containers;
  assert.equal(sidecar.name, 'sidecar');
  assert.deepEqual(
    web.env.map((e) => [e.name, e.value]),
    [
      ['GUNICORN_CMD_ARGS', '--workers 3'],
      ['SECRET', undefined],
    ],
  );
  assert.deepEqual(
    web.ports.map((p) => [p.containerPort, p.name]),
    [[8000, 'http']],
  );
  assert.equal(web.cpuLimit?.value, 0.5);
  assert.equal(web.workingDir?.value, '/app');
  const liveness = web.probes.find((p) => p.kind === 'liveness')!;
  assert.equal(slice(DEPLOYMENT, liveness.keyRange), 'livenessProbe');
  assert.equal(liveness.periodSeconds, 20);
  assert.equal(liveness.handler?.key, 'httpGet');
  assert.ok(liveness.block);
  const service = doc.objects[1].service!;
  assert.deepEqual([...service.selector], [['app', 'web']]);
  assert.deepEqual(
    service.ports.map((p) => [p.port, p.targetPort]),
    [[80, 'http']],
  );
});

test('facts: command and args as one command line, sites with exact words', () => {
  const doc = parseManifests(DEPLOYMENT, '/w/k8s/web.yaml');
  const containers = manifestFacts(doc).containers;
  assert.equal(containers.length, 2);
  const gunicorn = containers[0].gunicorn!;
  assert.equal(gunicorn.from, 'command');
  assert.equal(gunicorn.invocation.appTarget?.text, 'app:app');
  assert.equal(slice(DEPLOYMENT, gunicorn.invocation.appTarget.range), 'app:app');
  assert.equal(slice(DEPLOYMENT, containers[0].cmdArgs!.invocation.options[0].flagRange), '--workers');
  assert.equal(containers[1].gunicorn, undefined);
  assert.equal(commandSites(doc).length, 2);
});

test('List items, CronJobs, templates and other YAML', () => {
  const list =
    'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n    spec:\n      containers:\n        - name: c\n          args: ["gunicorn", "app:app"]\n';
  assert.equal(manifestFacts(parseManifests(list, '/w/list.yaml')).containers[0].gunicorn?.from, 'args');
  const cron =
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: c\n              command: [python, job.py]\n';
  assert.equal(parseManifests(cron, '/w/cron.yaml').objects[0].pod?.containers.length, 1);
  assert.equal(parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n', '/w/t.yaml').objects.length, 0);
  assert.equal(parseManifests('name: ci\non: [push]\n', '/w/ci.yaml').objects.length, 0);
  assert.equal(parseManifests('apiVersion: v1\nkind: Pod\nspec: [\n', '/w/broken.yaml').objects.length <= 1, true);
});

const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'apiVersion: v1\n',
        'kind: Pod\n',
        'kind: Deployment\n',
        'spec:\n',
        '  containers:\n',
        '    - name: w\n',
        '      command: [',
        'gunicorn',
        '"app:app"',
        ']',
        '\n',
        '---\n',
        '  template:\n',
        '      env:\n',
        '        - name: GUNICORN_CMD_ARGS\n',
        '          value: "-w 2"\n',
        'livenessProbe:',
        '  httpGet: {port: 80}',
        '&x',
        '*x',
        '<<: *x',
        '\t',
        '\r\n',
        '#',
        "'",
        '"',
        '{{',
        '|\n',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

test('fuzz: never throws, every range inside the text', () => {
  fc.assert(
    fc.property(yamlish, (text) => {
      const doc = parseManifests(text, '/w/m.yaml');
      const inside = (range: { start: number; end: number } | undefined) => {
        if (range) assert.ok(range.start >= 0 && range.start <= range.end && range.end <= text.length, JSON.stringify(range));
      };
      for (const object of doc.objects) {
        inside(object.range);
        inside(object.nameRange);
        for (const container of object.pod?.containers ?? []) {
          inside(container.range);
          for (const probe of container.probes) {
            inside(probe.keyRange);
            inside(probe.range);
            inside(probe.handler?.range);
          }
          for (const variable of container.env) inside(variable.range);
        }
      }
      for (const site of commandSites(doc)) for (const word of site.words) inside(word.range);
    }),
    { numRuns: 400 },
  );
});
