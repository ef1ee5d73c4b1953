/**
 * Process-wide changes made while the app loads. gunicorn's master and workers rely on their own signal handlers
 * (SIGTERM is the graceful stop, SIGQUIT/SIGINT the quick one): an app that replaces them at import breaks the
 * shutdown. gevent/eventlet patch the standard library; patching in the app itself happens after gunicorn has
 * imported (and with preload, used) the unpatched modules.
 */
import { type CallSite, type DetectorState, runsOnLoad } from './calls';
import { dottedName, rangeOf } from './tree';

const SIGNAL_CALLS = new Set(['signal.signal']);
const WATCHED_SIGNAL = /^signal\.(Signals\.)?(SIGTERM|SIGINT|SIGQUIT)$/;
const MONKEY_PATCH = /^(gevent\.monkey\.patch_[a-z_]+|eventlet\.monkey_patch|eventlet\.patcher\.monkey_patch)$/;

export function detectProcessChanges(call: CallSite, state: DetectorState): void {
  if (!runsOnLoad(call.context)) return;
  const { facts } = state;
  if (call.qualified.some((name) => SIGNAL_CALLS.has(name))) {
    const first = call.arguments().positional[0];
    const written = first && dottedName(first);
    const qualified = written ? state.names.qualify(written, call.context.topFunction) : [];
    const match = qualified.map((name) => WATCHED_SIGNAL.exec(name)).find((found) => found);
    if (match && facts.signalHandlers.length < 100) facts.signalHandlers.push({ range: rangeOf(call.node), runs: call.context.runs, signal: match[2] });
    return;
  }
  if (call.qualified.some((name) => MONKEY_PATCH.test(name)) && facts.monkeyPatches.length < 100) {
    facts.monkeyPatches.push({ range: rangeOf(call.node), runs: call.context.runs });
  }
}
