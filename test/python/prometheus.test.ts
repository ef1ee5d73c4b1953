/** prometheus_client metrics, multiprocess mode and metric servers. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPython } from '../../server/src/core/treeSitter';
import { facts } from './support';

before(() => initPython());

function prometheus(...lines: string[]) {
  const { metrics, multiprocess, httpServers } = facts(...lines).prometheus;
  return { metrics: metrics.map((fact) => fact.runs), multiprocess: multiprocess.length, httpServers: httpServers.map((fact) => fact.runs) };
}

test('metrics created at import', () => {
  assert.deepEqual(prometheus('from prometheus_client import Counter, Histogram', 'A = Counter("a", "a")', 'B = Histogram("b", "b")').metrics, [
    'import',
    'import',
  ]);
  assert.deepEqual(prometheus('import prometheus_client as prom', 'G = prom.Gauge("g", "g")').metrics, ['import']);
  assert.deepEqual(prometheus('from collections import Counter', 'A = Counter("abc")').metrics, [], 'collections.Counter is no metric');
});

test('multiprocess mode: the module, its collector, or the directory variable', () => {
  assert.equal(prometheus('from prometheus_client import multiprocess').multiprocess, 1);
  assert.equal(prometheus('import prometheus_client.multiprocess').multiprocess, 1);
  assert.equal(
    prometheus(
      'from prometheus_client import CollectorRegistry, multiprocess',
      'def metrics():',
      '    registry = CollectorRegistry()',
      '    multiprocess.MultiProcessCollector(registry)',
    ).multiprocess,
    2,
    'the import and the collector in a view both count',
  );
  assert.equal(prometheus('import os', 'os.environ["PROMETHEUS_MULTIPROC_DIR"] = "/tmp/metrics"').multiprocess, 1);
  assert.equal(prometheus('import os', 'os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/tmp/metrics")').multiprocess, 1);
  assert.equal(prometheus('import os', 'os.environ["OTHER_DIR"] = "/tmp/metrics"').multiprocess, 0);
  assert.equal(prometheus('from prometheus_client import REGISTRY').multiprocess, 0);
});

test('start_http_server on load, not in a __main__ block', () => {
  assert.deepEqual(prometheus('from prometheus_client import start_http_server', 'start_http_server(9100)').httpServers, ['import']);
  assert.deepEqual(prometheus('from prometheus_client import start_http_server', 'if __name__ == "__main__":', '    start_http_server(9100)').httpServers, []);
});
