/**
 * Whether the app a target names speaks WSGI or ASGI, by following the value of its variable (or what its factory
 * returns) to a framework's constructor: through assignments (`application = app`), middleware
 * (`app = ProxyFix(app)` keeps the kind, `WsgiToAsgi(app)` makes it ASGI), imports between workspace modules, and
 * factory calls (`app = create_app()`: the function's returns). Each step is bounded; an answer that depends on
 * anything else (two frameworks on two branches, an unknown call) is no answer.
 *
 * The factories met on the way run while the app loads, so their bodies' facts count too: they are reported.
 */
import type { OffsetRange } from '../../core/text';
import type { ModuleLoader } from './loader';
import type { PythonModule } from './modules';
import { lastBinding, resolveName } from './resolveName';
import type { PythonAppKind, Runs, ValueShape } from './types';

export interface AppKindFound {
  kind: PythonAppKind;
  framework: string;
  file: string;
  /** Where the kind is decided: the constructor call (or the converting middleware). */
  range: OffsetRange;
}

export interface FactoryCall {
  module: PythonModule;
  name: string;
}

const STEPS = 64;

export class AppKindEvaluator {
  /** Factories whose bodies run to produce the app. */
  readonly factories: FactoryCall[] = [];
  private steps = STEPS;

  constructor(private readonly loader: ModuleLoader) {}

  /** The kind of the module-level variable `name` of `module` as the module leaves it. */
  ofVariable(module: PythonModule, name: string): AppKindFound | undefined {
    return this.ofName(module, name, 'import', Infinity);
  }

  /** The kind of what the top-level function `name` returns. */
  ofFactory(module: PythonModule, name: string): AppKindFound | undefined {
    if (!this.step()) return undefined;
    if (!this.factories.some((factory) => factory.module.file === module.file && factory.name === name)) this.factories.push({ module, name });
    const scope: Runs = `call:${name}`;
    const returned = module.facts.returns
      .filter((fact) => fact.runs === scope && fact.value.type !== 'literal')
      .map((fact) => this.ofShape(module, fact.value, scope, fact.range.start));
    const known = returned.filter((found): found is AppKindFound => found !== undefined);
    if (known.length > 0) return agreeing(known);
    if (returned.length > 0) return undefined;
    // No return to follow (or none understood): the apps the body creates, when they agree.
    const created = module.facts.apps.filter((app) => app.runs === scope);
    return created.length > 0 ? agreeing(created.map((app) => ({ kind: app.kind, framework: app.framework, file: module.file, range: app.range }))) : undefined;
  }

  private step(): boolean {
    return this.steps-- > 0;
  }

  private ofName(module: PythonModule, name: string, scope: Runs, before: number): AppKindFound | undefined {
    if (!this.step()) return undefined;
    if (scope !== 'import') {
      // A local of the factory, assigned before this point.
      let local: ValueShape | undefined;
      let at = 0;
      for (const assignment of module.facts.assignments) {
        if (assignment.runs === scope && assignment.name === name && assignment.range.start < before) {
          local = assignment.value;
          at = assignment.range.start;
        }
      }
      if (local) return this.ofShape(module, local, scope, at);
    }
    const binding = lastBinding(module, name, before);
    if (!binding) {
      if (before !== Infinity) return undefined;
      const resolved = resolveName(this.loader, module, name);
      return resolved.status === 'bound' ? this.ofBinding(resolved.module, resolved.binding.name, Infinity) : undefined;
    }
    if (binding.kind === 'import') {
      const resolved = resolveName(this.loader, module, name);
      return resolved.status === 'bound' ? this.ofBinding(resolved.module, resolved.binding.name, Infinity) : undefined;
    }
    return this.ofBinding(module, name, before);
  }

  /** A module-level variable: its last value before `before`, unless another of its assignments makes another kind. */
  private ofBinding(module: PythonModule, name: string, before: number): AppKindFound | undefined {
    const binding = lastBinding(module, name, before);
    if (!binding || binding.kind !== 'variable' || !binding.value) return undefined;
    const found = this.ofShape(module, binding.value, 'import', binding.statement.start);
    if (!found) return undefined;
    // `if X: app = Flask(...) else: app = FastAPI(...)`: which one runs is not for parsing to say.
    const conflicting = module.facts.bindings.some((other) => other.name === name && other.value?.type === 'app' && other.value.kind !== found.kind);
    return conflicting ? undefined : found;
  }

  private ofShape(module: PythonModule, shape: ValueShape, scope: Runs, at: number): AppKindFound | undefined {
    if (!this.step()) return undefined;
    switch (shape.type) {
      case 'app':
        return { kind: shape.kind, framework: shape.framework, file: module.file, range: shape.range };
      case 'wrapper':
        if (shape.kind) return { kind: shape.kind, framework: shape.framework, file: module.file, range: shape.range };
        return shape.inner ? this.ofShape(module, shape.inner, scope, at) : undefined;
      case 'name':
        return this.ofName(module, shape.name, scope, at);
      case 'call':
        return this.ofCall(module, shape.callee);
      default:
        return undefined;
    }
  }

  /** `create_app()` or `factory.create_app()`: the function it calls, in the workspace, and what it returns. */
  private ofCall(module: PythonModule, callee: string): AppKindFound | undefined {
    const parts = callee.split('.');
    if (parts.length > 2 || parts.some((part) => part === '' || part.includes('['))) return undefined;
    const head = resolveName(this.loader, module, parts[0]);
    if (parts.length === 1) {
      if (head.status !== 'bound' || head.binding.kind !== 'function') return undefined;
      return this.ofFactory(head.module, head.binding.name);
    }
    if (head.status !== 'module' || !head.target) return undefined;
    const member = resolveName(this.loader, head.target, parts[1]);
    if (member.status !== 'bound' || member.binding.kind !== 'function') return undefined;
    return this.ofFactory(member.module, member.binding.name);
  }
}

/** One answer when every candidate has the same kind (the first one's place), else none. */
function agreeing(found: AppKindFound[]): AppKindFound | undefined {
  return found.every((candidate) => candidate.kind === found[0].kind) ? found[0] : undefined;
}
