/**
 * The contract between the language service and one file format (gunicorn config, nginx, systemd, ...).
 * A format parses a text into its own document type and answers every request in offsets; the service owns
 * positions, severities, suppressions and LSP types. Formats never see LSP or the file system directly: they
 * reach other files through the Project.
 */
import type { Finding, Fix } from './findings';
import type { OffsetRange } from './text';
import type { Settings } from './settings';

/** What a format can see of the workspace. Paths are absolute; every read is bounded and never throws. */
export interface Project {
  readonly root: string;
  readonly settings: Settings;
  /** The text of a file: the editor's unsaved copy when open, else the disk; undefined when missing or too large. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Names in a folder (not recursive), sorted; [] when missing. */
  listDirectory(path: string): string[];
  /** Every file of the workspace walk (bounded; skips .git, node_modules, virtual environments, large files). */
  workspaceFiles(): readonly string[];
  /** The parsed document of another file, through the same cache the service uses; undefined if no format claims it. */
  parsed(path: string): { language: string; document: unknown } | undefined;
  /**
   * An answer derived from the disk's answers alone (folder listings, which files exist), kept under `key` while
   * those stay the same; `compute` is given the project itself. Optional: without it, compute every time.
   */
  diskDerived?<T>(key: string, compute: (project: Project) => T): T;
}

export interface AnalysisContext<D> {
  path: string;
  text: string;
  document: D;
  project: Project;
}

export interface HoverResult {
  range: OffsetRange;
  markdown: string;
}

export type CompletionKind =
  | 'setting'
  | 'value'
  | 'hook'
  | 'atom'
  | 'directive'
  | 'block'
  | 'variable'
  | 'section'
  | 'key'
  | 'flag'
  | 'snippet'
  | 'file'
  | 'module';

export interface CompletionResult {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert; a snippet (`${1:default}`) when `snippet` is true. Defaults to the label. */
  insertText?: string;
  snippet?: boolean;
  /** The range the insertion replaces; defaults to the word before the cursor. */
  replace?: OffsetRange;
  sortText?: string;
  filterText?: string;
  deprecated?: boolean;
}

export type SymbolKind = 'setting' | 'function' | 'variable' | 'section' | 'key' | 'block' | 'server' | 'location' | 'upstream' | 'directive' | 'module';

export interface SymbolResult {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: OffsetRange;
  selectionRange: OffsetRange;
  children?: SymbolResult[];
}

export interface FoldingResult {
  /** Offsets of the first and last character of the folded region; the service folds whole lines between them. */
  start: number;
  end: number;
  kind?: 'comment' | 'region';
}

export interface LinkResult {
  range: OffsetRange;
  /** Absolute path of the target file. */
  target: string;
  tooltip?: string;
}

export interface LocationResult {
  path: string;
  range: OffsetRange;
}

/** How much of a file `matches` and `looksLike` may see. */
export const HEAD_BYTES = 4096;

export interface FormatSupport<D = unknown> {
  /** The LSP/VS Code language id. */
  readonly language: string;
  /** One-time asynchronous set-up (loading a WASM grammar); awaited before the first parse. */
  init?(): Promise<void>;
  /**
   * Whether this format claims a file, by its path (and settings such as extra config globs). Where the name is
   * ambiguous (`app.conf`, `gunicorn.py`), `head()` gives the file's first bytes (at most HEAD_BYTES, read once per
   * path and revision through the project's caches; undefined when unreadable): ask for it only then.
   */
  matches(path: string, settings: Settings, head?: () => string | undefined): boolean;
  /**
   * Whether a file's first bytes alone say it is this format, whatever its name: for a file named explicitly on the
   * command line that no name rule claims.
   */
  looksLike?(head: string): boolean;
  /** Error-tolerant: never throws, whatever the text. `previous` allows incremental re-parse. */
  parse(text: string, path: string, previous?: D): D;
  /** Runs every rule of this format. Severity, suppressions and "off" are applied by the service. */
  check(context: AnalysisContext<D>): Finding[];
  /** The fixes for one finding produced by `check` on the same text. */
  fixes?(finding: Finding, context: AnalysisContext<D>): Fix[];
  hover?(context: AnalysisContext<D>, offset: number): HoverResult | undefined;
  complete?(context: AnalysisContext<D>, offset: number): CompletionResult[];
  symbols?(context: AnalysisContext<D>): SymbolResult[];
  folding?(context: AnalysisContext<D>): FoldingResult[];
  links?(context: AnalysisContext<D>): LinkResult[];
  definition?(context: AnalysisContext<D>, offset: number): LocationResult[];
}
