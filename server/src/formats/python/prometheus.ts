/**
 * prometheus_client in a module. Each gunicorn worker is its own process with its own metric values, so without
 * multiprocess mode a scrape sees one random worker; `start_http_server` at load binds the same port in every
 * worker (or once in the master, with preload). Metrics and servers count where they run on load; signs of
 * multiprocess mode count wherever they are (they usually sit in a `/metrics` view).
 */
import { type CallSite, type DetectorState, runsOnLoad } from './calls';
import { field, type Node, rangeOf, stringValue } from './tree';
import type { ImportFact } from './types';
import type { RunContext } from './walk';

const METRIC = /^prometheus_client\.(metrics\.)?(Counter|Gauge|Histogram|Summary|Info|Enum)$/;
/** prometheus_flask_exporter registers its request metrics when constructed. */
const EXPORTER_METRICS = /^prometheus_flask_exporter\.(PrometheusMetrics|RESTfulPrometheusMetrics)$/;
/** Its Gunicorn classes, and prometheus_client's multiprocess module, mean multiprocess mode is set up. */
const MULTIPROCESS = /^(prometheus_client\.multiprocess(\.|$)|prometheus_flask_exporter\.multiprocess\.)/;
const HTTP_SERVER = /^prometheus_client\.(exposition\.)?(start_http_server|start_wsgi_server)$/;
const MULTIPROC_VARIABLE = /^prometheus_multiproc_dir$/i;

export function detectPrometheusCall(call: CallSite, state: DetectorState): void {
  const { prometheus } = state.facts;
  const range = rangeOf(call.node);
  const runs = call.context.runs;
  if (call.qualified.some((name) => MULTIPROCESS.test(name))) {
    push(prometheus.multiprocess, { range, runs });
    if (/multiprocess\.Gunicorn/.test(call.qualified.join(' ')) && runsOnLoad(call.context)) push(prometheus.metrics, { range, runs });
    return;
  }
  if (!runsOnLoad(call.context)) return;
  if (call.qualified.some((name) => METRIC.test(name) || EXPORTER_METRICS.test(name))) push(prometheus.metrics, { range, runs });
  else if (call.qualified.some((name) => HTTP_SERVER.test(name))) push(prometheus.httpServers, { range, runs });
  else if (call.written === 'os.environ.setdefault' || call.written === 'os.putenv') {
    const first = call.arguments().positional[0];
    const variable = first && stringValue(first);
    if (variable !== undefined && MULTIPROC_VARIABLE.test(variable)) push(prometheus.multiprocess, { range, runs });
  }
}

/** `os.environ["PROMETHEUS_MULTIPROC_DIR"] = ...`. */
export function detectPrometheusEnvironment(left: Node, assignment: Node, state: DetectorState, context: RunContext): void {
  if (left.type !== 'subscript') return;
  const value = field(left, 'value');
  const key = field(left, 'subscript');
  if (value?.text.replace(/\s+/g, '') !== 'os.environ' || !key) return;
  const variable = stringValue(key);
  if (variable !== undefined && MULTIPROC_VARIABLE.test(variable))
    push(state.facts.prometheus.multiprocess, { range: rangeOf(assignment), runs: context.runs });
}

/** `import prometheus_client.multiprocess`, `from prometheus_client import multiprocess`. */
export function detectPrometheusImports(imports: readonly ImportFact[], state: DetectorState): void {
  for (const fact of imports) {
    const isMultiprocess =
      fact.level === 0 &&
      (MULTIPROCESS.test(fact.module) ||
        MULTIPROCESS.test(`${fact.module}.`) ||
        (fact.module === 'prometheus_client' && (fact.names ?? []).includes('multiprocess')));
    if (isMultiprocess) push(state.facts.prometheus.multiprocess, { range: fact.range, runs: fact.runs });
  }
}

function push<T>(list: T[], item: T): void {
  if (list.length < 100) list.push(item);
}
