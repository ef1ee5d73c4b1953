/** Which Service ports land in a gunicorn container: numbers, named ports, absent targetPorts, and when it is unclear. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceEntrances } from '../../server/src/deployment/fromKubernetes';
import { parseManifests } from '../../server/src/formats/kubernetes';

const FILE = '/w/k8s/web.yaml';

function deployment(name: string, labels: string, containers: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    metadata:\n      labels:\n${labels}    spec:\n      containers:\n${containers}`;
}

function service(selector: string, ports: string): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n${selector}  ports:\n${ports}`;
}

const GUNICORN = '        - name: web\n          image: app\n          ports:\n            - name: http\n              containerPort: 8000\n';
const SIDECAR = '        - name: nginx\n          image: nginx\n          ports:\n            - name: proxy\n              containerPort: 80\n';

/** `port -> target` of the entrances into the first workload's first container. */
function entrances(...documents: string[]): string[] {
  const parsed = parseManifests(documents.join('---\n'), FILE);
  const workloads = parsed.objects.filter((object) => object.pod);
  const services = parsed.objects
    .filter((object) => object.kind === 'Service')
    .map((object) => ({ value: object, place: { path: FILE, range: object.range } }));
  const [first] = workloads;
  return serviceEntrances(first, first.pod!.containers[0], services, workloads).map((entrance) => `${entrance.servicePort ?? '-'} -> ${entrance.port}`);
}

const APP = '        app: web\n';

test('a number, a named port and an absent targetPort each land in the container', () => {
  assert.deepEqual(entrances(deployment('web', APP, GUNICORN), service('    app: web\n', '    - port: 80\n      targetPort: 9000\n')), ['80 -> 9000']);
  assert.deepEqual(entrances(deployment('web', APP, GUNICORN), service('    app: web\n', '    - port: 80\n      targetPort: http\n')), ['80 -> 8000']);
  assert.deepEqual(entrances(deployment('web', APP, GUNICORN), service('    app: web\n', '    - port: 8000\n')), ['8000 -> 8000']);
});

test('a selector that matches nothing, or more than one workload, gives nothing', () => {
  assert.deepEqual(entrances(deployment('web', APP, GUNICORN), service('    app: api\n', '    - port: 80\n      targetPort: 8000\n')), []);
  assert.deepEqual(
    entrances(deployment('web', APP, GUNICORN), deployment('web-canary', APP, GUNICORN), service('    app: web\n', '    - port: 80\n      targetPort: 8000\n')),
    [],
  );
});

test('in a pod of several containers: another container’s named port, or a number gunicorn does not declare, gives nothing', () => {
  const pod = deployment('web', APP, GUNICORN + SIDECAR);
  assert.deepEqual(entrances(pod, service('    app: web\n', '    - port: 80\n      targetPort: proxy\n')), []);
  assert.deepEqual(entrances(pod, service('    app: web\n', '    - port: 80\n      targetPort: 80\n')), []);
  assert.deepEqual(entrances(pod, service('    app: web\n', '    - port: 80\n      targetPort: 8000\n')), ['80 -> 8000']);
});

test('a Service in another namespace does not select the pod', () => {
  const other = service('    app: web\n', '    - port: 80\n      targetPort: 8000\n').replace('  name: web\n', '  name: web\n  namespace: other\n');
  assert.deepEqual(entrances(deployment('web', APP, GUNICORN), other), []);
});
