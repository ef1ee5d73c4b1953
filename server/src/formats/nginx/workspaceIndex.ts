/**
 * What the workspace's nginx files say about each other, built once per project revision instead of scanned per
 * check: every nginx file in walk order with its parsed document, the reverse include graph (who includes a file,
 * by which directive) and the upstreams and proxy_passes of every file. A check of one fragment among thousands
 * then looks up its includer and the upstream names instead of parsing 700 other files, so a folder lint grows
 * with the tree, not with its square.
 *
 * The index is kept per project while the project's revision stays the same (an edit, a close, a disk change or new
 * settings moves it on, and the next lookup builds a fresh one). A project without a revision (a test's hand-made
 * fake) gets a fresh index per check run: correct, only slower.
 */
import type { Project } from '../../core/format';
import { directivesNamed } from './documentIndex';
import { resolveInclude } from './includes';
import type { NginxDirective, NginxDocument } from './model';

export interface IncludeEdge {
  /** The including file. */
  from: string;
  document: NginxDocument;
  directive: NginxDirective;
}

export interface DirectiveRef {
  path: string;
  directive: NginxDirective;
  document: NginxDocument;
}

export interface NginxWorkspaceIndex {
  /** The workspace's nginx files, in walk order, with their documents (unreadable files left out). */
  readonly files: readonly { path: string; document: NginxDocument }[];
  documentOf(path: string): NginxDocument | undefined;
  /** The include directives (of other files) that resolve to `path`, in walk order, then document order. */
  includersOf(path: string): readonly IncludeEdge[];
  /** Every `upstream` block with a name, file by file in walk order. */
  readonly upstreams: readonly DirectiveRef[];
  /** Every one-argument `proxy_pass`, file by file in walk order. */
  readonly proxyPasses: readonly DirectiveRef[];
  /**
   * The proxy_passes that may use an upstream defined in `path`: those of the main configs (files with an http
   * block) whose include tree holds `path` and those of files no main config includes, or every one when no main
   * config includes `path`. nginx resolves upstream names per http block, so another main config's locations never
   * proxy to this file's upstreams.
   */
  proxyPassesNear(path: string): readonly DirectiveRef[];
  /** Answers derived from the index alone (a file's top context, a main config's servers), kept as long as it is. */
  readonly memo: Map<string, unknown>;
}

interface Revisioned {
  revision?: unknown;
}

const NONE: readonly IncludeEdge[] = [];
const kept = new WeakMap<Project, { revision: number; index: NginxWorkspaceIndex }>();
/** For fakes without a revision: one index per analysis object that asked (a check run). */
const perRun = new WeakMap<object, NginxWorkspaceIndex>();

/** The index for a project's current revision. `owner` keys a fresh index when the project has no revision. */
export function workspaceIndex(project: Project, isNginx: (path: string) => boolean, owner: object): NginxWorkspaceIndex {
  const revision = (project as Revisioned).revision;
  if (typeof revision === 'number') {
    const entry = kept.get(project);
    if (entry && entry.revision === revision) return entry.index;
    const index = buildIndex(project, isNginx);
    kept.set(project, { revision, index });
    return index;
  }
  let index = perRun.get(owner);
  if (!index) {
    index = buildIndex(project, isNginx);
    perRun.set(owner, index);
  }
  return index;
}

function buildIndex(project: Project, isNginx: (path: string) => boolean): NginxWorkspaceIndex {
  const files: { path: string; document: NginxDocument }[] = [];
  const byPath = new Map<string, NginxDocument>();
  for (const path of project.workspaceFiles()) {
    if (!isNginx(path)) continue;
    const parsed = project.parsed(path);
    if (parsed?.language !== 'nginx') continue;
    const document = parsed.document as NginxDocument;
    files.push({ path, document });
    byPath.set(path, document);
  }
  const upstreams: DirectiveRef[] = [];
  const proxyPasses: DirectiveRef[] = [];
  for (const { path, document } of files) {
    for (const directive of directivesNamed(document, 'upstream')) {
      if (directive.block && directive.args.length >= 1) upstreams.push({ path, directive, document });
    }
    for (const directive of directivesNamed(document, 'proxy_pass')) if (directive.args.length === 1) proxyPasses.push({ path, directive, document });
  }
  let includers: Map<string, IncludeEdge[]> | undefined;
  const included = new Map<string, string[]>();
  // The include graph costs a directory listing per glob: built on the first question about it.
  const graph = (): Map<string, IncludeEdge[]> => {
    if (includers) return includers;
    includers = new Map();
    for (const { path: from, document } of files) {
      for (const directive of directivesNamed(document, 'include')) {
        if (directive.args.length !== 1) continue;
        let targets: string[];
        try {
          targets = resolveInclude(project, from, directive.args[0].value).files;
        } catch {
          continue;
        }
        const forward = included.get(from) ?? included.set(from, []).get(from)!;
        for (const target of targets) {
          if (target === from) continue;
          forward.push(target);
          const list = includers.get(target);
          const edge = { from, document, directive };
          if (list) list.push(edge);
          else includers.set(target, [edge]);
        }
      }
    }
    return includers;
  };
  let mainsByFile: Map<string, string[]> | undefined;
  /** For each file, the main configs whose include tree (at most 8 levels down, as nginx's own nesting) holds it. */
  const mains = (): Map<string, string[]> => {
    if (mainsByFile) return mainsByFile;
    graph();
    mainsByFile = new Map();
    for (const { path: main, document } of files) {
      if (!document.directives.some((d) => d.name === 'http' && d.block)) continue;
      const seen = new Set([main]);
      let level = [main];
      for (let depth = 0; depth <= 8 && level.length > 0; depth++) {
        const next: string[] = [];
        for (const file of level) {
          for (const target of included.get(file) ?? []) {
            if (seen.has(target)) continue;
            seen.add(target);
            next.push(target);
          }
        }
        level = next;
      }
      for (const file of seen) (mainsByFile.get(file) ?? mainsByFile.set(file, []).get(file)!).push(main);
    }
    return mainsByFile;
  };
  const nearByMains = new Map<string, DirectiveRef[]>();
  const proxyPassesNear = (path: string): readonly DirectiveRef[] => {
    const own = mains().get(path);
    if (!own) return proxyPasses;
    const key = own.join('\n');
    let near = nearByMains.get(key);
    if (!near) {
      const wanted = new Set(own);
      // A file no main config includes (a site whose include is `/etc/nginx/sites-enabled/*`, a folder the repository
      // does not hold) may be read by any of them: its locations count for every main config.
      near = proxyPasses.filter((ref) => {
        const theirs = mains().get(ref.path);
        return theirs === undefined || theirs.some((main) => wanted.has(main));
      });
      nearByMains.set(key, near);
    }
    return near;
  };
  return {
    files,
    documentOf: (path) => byPath.get(path),
    includersOf: (path) => graph().get(path) ?? NONE,
    upstreams,
    proxyPasses,
    proxyPassesNear,
    memo: new Map(),
  };
}
