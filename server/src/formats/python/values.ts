/** The shape of an assigned or returned expression: enough to tell what an app variable holds. */
import { APP_CONSTRUCTORS, KIND_CONVERTERS, KIND_KEEPERS, PYRAMID_APP_METHOD, type FrameworkEntry } from './frameworks';
import { lookup, type QualifiedNames } from './names';
import { callArguments, dottedName, field, type Node, rangeOf } from './tree';
import type { ValueShape } from './types';

const LITERALS = new Set([
  'string',
  'concatenated_string',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'list',
  'dictionary',
  'set',
  'tuple',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
]);

/** Wrapped apps nest only a few levels in real code; deeper is left unknown. */
const MAX_DEPTH = 4;

export function shapeOf(node: Node, names: QualifiedNames, topFunction: string | undefined, depth = 0): ValueShape {
  if (depth > MAX_DEPTH) return { type: 'other' };
  if (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren[0];
    return inner ? shapeOf(inner, names, topFunction, depth + 1) : { type: 'other' };
  }
  if (node.type === 'identifier') return { type: 'name', name: node.text };
  if (node.type === 'lambda') return { type: 'lambda' };
  if (LITERALS.has(node.type)) return { type: 'literal' };
  if (node.type !== 'call') return { type: 'other' };

  const callee = field(node, 'function');
  const written = callee && dottedName(callee);
  if (!written) return { type: 'other' };
  const app = appCreatedBy(written, names, topFunction);
  if (app) return { type: 'app', framework: app.framework, kind: app.kind, range: rangeOf(node) };
  const qualified = names.qualify(written, topFunction);
  const converter = lookup(KIND_CONVERTERS, qualified);
  const keeper = converter ? undefined : lookup(KIND_KEEPERS, qualified);
  if (converter || keeper) {
    const first = callArguments(node).positional[0];
    return {
      type: 'wrapper',
      framework: converter?.framework ?? keeper!,
      kind: converter?.kind,
      inner: first ? shapeOf(first, names, topFunction, depth + 1) : undefined,
      range: rangeOf(node),
    };
  }
  return { type: 'call', callee: written, range: rangeOf(node) };
}

/** The framework and kind of the app a call creates, if it creates one. */
export function appCreatedBy(written: string, names: QualifiedNames, topFunction: string | undefined): FrameworkEntry | undefined {
  const entry = lookup(APP_CONSTRUCTORS, names.qualify(written, topFunction));
  if (entry) return entry;
  if (written.endsWith('.' + PYRAMID_APP_METHOD) && names.importsFrom('pyramid')) return { framework: 'pyramid', kind: 'wsgi' };
  return undefined;
}
