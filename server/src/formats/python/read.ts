/**
 * Facts of one Python module from its text: parse with the shared tree-sitter parser, read the statements
 * (statements.ts), then walk every node once for what runs on load. Pure and cached by text; never throws: any
 * input gives facts, empty when the grammar is not loaded yet or the text cannot be parsed.
 */
import type { Tree } from 'web-tree-sitter';
import { pythonParser, pythonReady } from '../../core/treeSitter';
import { callSiteOf, type DetectorState } from './calls';
import { CudaNames, detectCuda } from './cuda';
import { detectDatabase, detectDatabaseTouch } from './databases';
import { detectHeavyImports, detectModelLoad } from './heavy';
import { detectProcessChanges } from './process';
import { detectPrometheusCall, detectPrometheusEnvironment, detectPrometheusImports } from './prometheus';
import { readStatements } from './statements';
import { assignedName, field, type Node, rangeOf } from './tree';
import { emptyModuleFacts, type PythonModuleFacts } from './types';
import { appCreatedBy, shapeOf } from './values';
import { walkModule, type RunContext } from './walk';

/** Nodes visited per module: a 5,000-line module has about 100,000. */
const MAX_NODES = 1_000_000;
const MAX_RECORDS = 2_000;
/** Entries and characters the cache keeps: it holds the texts as keys, so both are bounded. */
const CACHE_ENTRIES = 256;
const CACHE_CHARACTERS = 16 * 1024 * 1024;

const cache = new Map<string, PythonModuleFacts>();
let cachedCharacters = 0;

/** The facts of a module's text. The result is shared between callers: do not change it. */
export function readPythonModule(text: string): PythonModuleFacts {
  const cached = cache.get(text);
  if (cached) {
    // Most recently used last, so the oldest entry is the one dropped.
    cache.delete(text);
    cache.set(text, cached);
    return cached;
  }
  // Without the grammar the facts would be empty: not cached, so a later call after initPython() reads them.
  if (!pythonReady()) return emptyModuleFacts();
  const facts = readUncached(text);
  if (text.length <= CACHE_CHARACTERS) {
    while (cache.size > 0 && (cache.size >= CACHE_ENTRIES || cachedCharacters + text.length > CACHE_CHARACTERS)) {
      const oldest = cache.keys().next().value!;
      cache.delete(oldest);
      cachedCharacters -= oldest.length;
    }
    cache.set(text, facts);
    cachedCharacters += text.length;
  }
  return facts;
}

function readUncached(text: string): PythonModuleFacts {
  let tree: Tree | null = null;
  try {
    tree = pythonParser().parse(text);
    if (!tree) return emptyModuleFacts();
    return readTree(tree.rootNode, text);
  } catch {
    return emptyModuleFacts();
  } finally {
    tree?.delete();
  }
}

function readTree(root: Node, text: string): PythonModuleFacts {
  const facts = emptyModuleFacts();
  facts.hasErrors = root.hasError;
  const statements = readStatements(root);
  facts.bindings = statements.bindings;
  facts.imports = statements.imports;
  facts.dynamicNames = statements.dynamicNames;
  const state: DetectorState = { facts, names: statements.names, text };
  detectPrometheusImports(facts.imports, state);
  detectHeavyImports(facts.imports, state);
  const devices = new CudaNames();

  walkModule(
    root,
    (type, cursor, context) => {
      switch (type) {
        case 'call': {
          const call = callSiteOf(cursor.currentNode, state.names, context);
          noteApp(call.node, call.written, context, state, call.assignedTo);
          detectDatabase(call, state);
          detectCuda(call, state, devices);
          detectModelLoad(call, state);
          detectPrometheusCall(call, state);
          detectProcessChanges(call, state);
          break;
        }
        case 'assignment':
          noteAssignment(cursor.currentNode, context, state, devices);
          break;
        case 'return_statement':
          noteReturn(cursor.currentNode, context, state);
          break;
        case 'attribute':
          if (context.runs !== 'later') detectDatabaseTouch(cursor.currentNode, state, context.runs);
          break;
        default:
          break;
      }
      return true;
    },
    MAX_NODES,
  );
  return facts;
}

function noteApp(call: Node, written: string | undefined, context: RunContext, state: DetectorState, variable: string | undefined): void {
  if (!written || context.runs === 'later' || state.facts.apps.length >= MAX_RECORDS) return;
  const app = appCreatedBy(written, state.names, context.topFunction);
  if (!app) return;
  // Inside a factory, `app = Flask(__name__)` names a local variable: still worth knowing for the factory's return.
  const local = variable ?? assignedName(call);
  state.facts.apps.push({ framework: app.framework, kind: app.kind, range: rangeOf(call), runs: context.runs, variable: local });
}

function noteAssignment(assignment: Node, context: RunContext, state: DetectorState, devices: CudaNames): void {
  const left = field(assignment, 'left');
  let value = field(assignment, 'right');
  for (let guard = 0; value?.type === 'assignment' && guard < 100; guard++) value = field(value, 'right');
  if (!left || !value) return;
  detectPrometheusEnvironment(left, assignment, state, context);
  if (left.type !== 'identifier') return;
  devices.noteAssignment(left.text, value, context, state);
  if (context.runs === 'later' || context.inClass || state.facts.assignments.length >= MAX_RECORDS) return;
  state.facts.assignments.push({ name: left.text, value: shapeOf(value, state.names, context.topFunction), range: rangeOf(left), runs: context.runs });
}

function noteReturn(statement: Node, context: RunContext, state: DetectorState): void {
  if (!context.runs.startsWith('call:') || state.facts.returns.length >= MAX_RECORDS) return;
  const value = statement.namedChildren.find((child) => child !== null && child.type !== 'comment');
  state.facts.returns.push({
    range: rangeOf(statement),
    runs: context.runs,
    value: value ? shapeOf(value, state.names, context.topFunction) : { type: 'literal' },
  });
}
