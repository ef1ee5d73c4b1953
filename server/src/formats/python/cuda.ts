/**
 * CUDA touched while the app loads. A process that has created a CUDA context cannot hand it to a forked child:
 * with `preload_app`, workers then fail with "Cannot re-initialize CUDA in forked subprocess".
 *
 * What creates a context is what counts, not what merely mentions CUDA:
 * - `torch.cuda.is_available()`, `device_count()`, `is_initialized()` query the driver without a context, and
 *   `manual_seed()`/`manual_seed_all()` are queued until something initialises CUDA: not counted.
 * - `torch.device("cuda")` is only a descriptor: not counted until a tensor or model is moved with it.
 * - `torch.cuda.init()`, `set_device()`, `current_device()`, `synchronize()`, device properties, memory queries,
 *   streams and events initialise: counted. So do `.cuda()`, `.to("cuda")`, `.to(torch.device("cuda"))`, and a
 *   `device=`/`device_map=`/`map_location=` keyword naming a CUDA device in any call (`torch.zeros(3, device="cuda")`,
 *   `torch.load(path, map_location="cuda:0")`), also through a variable assigned such a device just before.
 * - `device = "cuda" if torch.cuda.is_available() else "cpu"` depends on the machine: not counted (precision first).
 */
import { type CallSite, type DetectorState, runsOnLoad } from './calls';
import { field, type Node, rangeOf, stringValue } from './tree';
import type { RunContext } from './walk';

const INITIALISING = new Set([
  'init',
  'set_device',
  'current_device',
  'synchronize',
  'get_device_name',
  'get_device_properties',
  'get_device_capability',
  'mem_get_info',
  'memory_allocated',
  'max_memory_allocated',
  'memory_reserved',
  'max_memory_reserved',
  'memory_stats',
  'memory_summary',
  'empty_cache',
  'reset_peak_memory_stats',
  'set_per_process_memory_fraction',
  'current_stream',
  'default_stream',
  'Stream',
  'Event',
  'is_bf16_supported',
  'ipc_collect',
  'FloatTensor',
  'DoubleTensor',
  'HalfTensor',
  'LongTensor',
  'IntTensor',
  'BoolTensor',
  'ByteTensor',
]);

const DEVICE_KEYWORDS = ['device', 'device_map', 'map_location'];

/** Names assigned a CUDA device, per top-level function ('' for module level), in source order. */
export class CudaNames {
  private readonly names = new Set<string>();

  noteAssignment(name: string, value: Node, context: RunContext, state: DetectorState): void {
    const key = `${context.topFunction ?? ''}:${name}`;
    if (isCudaDevice(value, state, context, this)) this.names.add(key);
    else this.names.delete(key);
  }

  has(name: string, context: RunContext): boolean {
    return this.names.has(`${context.topFunction ?? ''}:${name}`) || this.names.has(`:${name}`);
  }
}

export function detectCuda(call: CallSite, state: DetectorState, devices: CudaNames): void {
  if (!runsOnLoad(call.context)) return;
  const touches = (() => {
    for (const name of call.qualified) {
      const match = /^torch\.cuda\.([A-Za-z_]+)$/.exec(name);
      if (match) return INITIALISING.has(match[1]);
    }
    if (call.method === 'cuda') return true;
    const { positional, keywords } = call.arguments();
    if (call.method === 'to' && positional[0] && isCudaDevice(positional[0], state, call.context, devices)) return true;
    return DEVICE_KEYWORDS.some((keyword) => {
      const value = keywords.get(keyword);
      return value !== undefined && isCudaDevice(value, state, call.context, devices);
    });
  })();
  if (touches && state.facts.cuda.length < 100) state.facts.cuda.push({ range: rangeOf(call.node), runs: call.context.runs });
}

/** `"cuda"`, `"cuda:0"`, `torch.device("cuda")`, `torch.device("cuda", 0)`, or a name assigned one. */
function isCudaDevice(node: Node, state: DetectorState, context: RunContext, devices: CudaNames): boolean {
  const literal = stringValue(node);
  if (literal !== undefined) return /^cuda(:\d+)?$/.test(literal.trim());
  if (node.type === 'identifier') return devices.has(node.text, context);
  if (node.type !== 'call') return false;
  const callee = field(node, 'function');
  if (!callee || !state.names.qualify(callee.text.replace(/\s+/g, ''), context.topFunction).includes('torch.device')) return false;
  const first = field(node, 'arguments')?.namedChildren[0];
  const value = first ? stringValue(first) : undefined;
  return value !== undefined && /^cuda(:\d+)?$/.test(value.trim());
}
