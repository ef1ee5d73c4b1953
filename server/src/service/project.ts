/**
 * The workspace as formats see it (core Project): open editor buffers over the disk, a bounded walk, and one
 * parse cache shared by every request, so a file is parsed once per change whatever asks for it.
 */
import { HEAD_BYTES, type FormatSupport, type Project } from '../core/format';
import { isInside } from '../core/paths';
import type { Settings } from '../core/settings';
import type { FileStat, FileSystemHost } from './fileSystem';
import { walkWorkspace } from './workspaceWalk';

/** Bounds the format-by-path memo: a workspace walk is capped far below this, so only odd clients reach it. */
const MAX_REMEMBERED_PATHS = 100_000;

interface OpenDocument {
  text: string;
  version: number;
}

interface ParseEntry {
  text: string;
  format: FormatSupport<unknown>;
  document: unknown;
}

export class WorkspaceProject implements Project {
  private readonly open = new Map<string, OpenDocument>();
  private readonly parses = new Map<string, ParseEntry>();
  /** Disk contents read so far, reused while the file's size and modification time stay the same. */
  private readonly diskTexts = new Map<string, { size: number; mtimeMs: number; text: string | undefined }>();
  /** Which format claims a path: asked for every workspace file by every cross-file lookup, so answered once. */
  private readonly formatByPath = new Map<string, FormatSupport<unknown> | null>();
  /** The first bytes of files whose name alone did not settle their format, per path (with the disk state read). */
  private readonly heads = new Map<string, { size?: number; mtimeMs?: number; head: string | undefined }>();
  /**
   * Files claimed by a format whatever their name or content: the configs gunicorn command lines name with `-c`
   * (the service learns them from the deployment model), and files named on the command line that only their
   * content identifies. They take precedence over name rules.
   */
  private readonly claims = new Map<string, FormatSupport<unknown>>();
  /** Of those, the files named on the command line and claimed by their content (kept when the `-c` set changes). */
  private readonly explicit = new Set<string>();
  /** Why a parse failed (a parser broke its never-throw contract), by path: reported, never silently dropped. */
  private readonly parseFailures = new Map<string, string>();
  /**
   * `stat` answers and sorted folder listings: a check of one nginx fragment among thousands asks about the same
   * folders and files again and again (include globs, the main config's folder), and every nginx file's freshness is
   * asked once per revision. Kept while nothing the service hears of can have changed the disk: a reported disk
   * change, a close or new settings empty them; an edit of an open document does not (in a 10,000-file tree that was
   * 10,000 `lstat`s per keystroke). A disk change no watcher reports (a client without file watchers) is still seen
   * at the first edit after `diskAnswersTrustedMs`. Within one revision the answers never change.
   */
  private readonly stats = new Map<string, FileStat | undefined>();
  private readonly listings = new Map<string, string[]>();
  private cachedAt = -1;
  /** How long disk answers outlive edits of open documents when no disk change was reported (see `stats`). */
  static diskAnswersTrustedMs = 2_000;
  private diskRevision = 0;
  private cachedAtDisk = -1;
  private cachedSince = 0;
  /** Answers derived from the disk's answers alone (`diskDerived`), kept and renewed with them. */
  private readonly derived = new Map<string, unknown>();
  private walked: string[] | undefined;
  walkTruncated = false;
  /** Counts every change that may change an analysis (edits, closes, disk changes, settings): caches key on it. */
  revision = 0;
  private currentSettings: Settings;

  constructor(
    readonly root: string,
    private readonly fs: FileSystemHost,
    settings: Settings,
    private readonly formats: readonly FormatSupport<unknown>[],
  ) {
    this.currentSettings = settings;
  }

  get settings(): Settings {
    return this.currentSettings;
  }

  /** New settings may claim files differently (globs) and change every analysis. */
  set settings(settings: Settings) {
    this.currentSettings = settings;
    this.formatByPath.clear();
    this.revision++;
    this.diskRevision++;
  }

  // --- claims ----------------------------------------------------------------------------------------------

  /**
   * Claims these files (`-c` targets) for a format, dropping earlier claims of that kind not in the list; true when
   * anything changed (the revision then moves on, so the model is rebuilt with them claimed).
   */
  setReferencedClaims(files: ReadonlySet<string>, format: FormatSupport<unknown>): boolean {
    // A claim the file's name already makes (a `-c gunicorn.conf.py`) changes no answer: no new revision for it.
    let changed = false;
    const update = (file: string): void => {
      this.formatByPath.delete(file);
      if (this.unclaimedFormatOf(file) !== format) changed = true;
    };
    for (const [file, claimed] of this.claims) {
      if (claimed === format && !files.has(file) && !this.explicit.has(file)) {
        this.claims.delete(file);
        update(file);
      }
    }
    for (const file of files) {
      if (this.claims.get(file) === format) continue;
      this.claims.set(file, format);
      update(file);
    }
    if (changed) this.revision++;
    return changed;
  }

  /** The format a file's name (or first bytes) gives it, claims aside. */
  private unclaimedFormatOf(file: string): FormatSupport<unknown> | undefined {
    const head = () => this.head(file);
    return this.formats.find((candidate) => safeMatches(candidate, file, this.settings, head));
  }

  /**
   * A file named explicitly (on the command line): its format by name, else by its content alone (`looksLike`);
   * undefined when neither tells. A content claim sticks for this project.
   */
  claimExplicitly(file: string): FormatSupport<unknown> | undefined {
    const byName = this.formatOf(file);
    if (byName) return byName;
    const head = this.head(file);
    if (head === undefined) return undefined;
    const format = this.formats.find((candidate) => {
      try {
        return candidate.looksLike?.(head) === true;
      } catch {
        return false;
      }
    });
    if (!format) return undefined;
    this.claims.set(file, format);
    this.explicit.add(file);
    this.formatByPath.delete(file);
    this.revision++;
    return format;
  }

  /** Why an existing file cannot be read (permissions, a broken link), or undefined. */
  readError(file: string): string | undefined {
    if (this.open.has(file)) return undefined;
    return this.fs.readError?.(file);
  }

  /** The message of a parse that threw, for the file's current text. */
  parseFailure(file: string): string | undefined {
    return this.parseFailures.get(file);
  }

  /** The first HEAD_BYTES of a file (the open buffer's, else the disk's), cached per path while the file is unchanged. */
  head(file: string): string | undefined {
    const open = this.open.get(file);
    if (open) return open.text.slice(0, HEAD_BYTES);
    const stat = this.stat(file);
    if (!stat?.isFile) return undefined;
    const cached = this.heads.get(file);
    if (cached && stat.mtimeMs !== undefined && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.head;
    const head = this.fs.readHead ? this.fs.readHead(file, HEAD_BYTES) : this.fs.readFile(file)?.slice(0, HEAD_BYTES);
    if (this.heads.size >= MAX_REMEMBERED_PATHS) this.heads.clear();
    this.heads.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, head });
    return head;
  }

  // --- buffers ---------------------------------------------------------------------------------------------

  setOpen(file: string, text: string, version: number): void {
    const previous = this.open.get(file);
    this.open.set(file, { text, version });
    // A document opened before it is saved answers `exists` as a file on disk would.
    if (!previous) this.diskRevision++;
    // A new file opened before it is saved is part of the workspace too: the next walk takes it in.
    if (!previous && this.walked && file !== this.root && isInside(this.root, file) && !this.walked.includes(file)) this.walked = undefined;
    if (previous?.text !== text) {
      this.revision++;
      // The content may now say another format (a file claimed by its first bytes).
      this.formatByPath.delete(file);
    }
  }

  close(file: string): void {
    this.open.delete(file);
    this.formatByPath.delete(file);
    this.revision++;
    this.diskRevision++;
  }

  isOpen(file: string): boolean {
    return this.open.has(file);
  }

  /** The editor's version of an open document (for versioned workspace edits). */
  openVersion(file: string): number | undefined {
    return this.open.get(file)?.version;
  }

  /** The disk changed under these paths (or files appeared/disappeared): forget what was derived from them. */
  invalidate(paths: readonly string[]): void {
    this.revision++;
    this.diskRevision++;
    for (const file of paths) {
      this.diskTexts.delete(file);
      this.heads.delete(file);
      this.formatByPath.delete(file);
      if (!this.open.has(file)) this.parses.delete(file);
    }
    // A file that appeared or went away changes the walk's list.
    if (paths.some((file) => !this.walked?.includes(file) || this.fs.stat(file) === undefined)) this.walked = undefined;
  }

  /** Drops every parse (a format became able to parse): the next request parses again. */
  forgetParses(): void {
    // Nothing read yet (the CLI initialises its formats before the model's first read): no revision to move on.
    if (this.parses.size === 0 && this.parseFailures.size === 0) return;
    this.parses.clear();
    this.revision++;
  }

  // --- Project -----------------------------------------------------------------------------------------------

  readFile(file: string): string | undefined {
    const open = this.open.get(file);
    if (open) return open.text;
    const stat = this.stat(file);
    if (!stat?.isFile || stat.size > this.settings.maxFileBytes) return undefined;
    const cached = this.diskTexts.get(file);
    if (cached && stat.mtimeMs !== undefined && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
    // A file no longer than the first bytes already read for its format is that text: no second read.
    const head = stat.size <= HEAD_BYTES ? this.heads.get(file) : undefined;
    const whole =
      head?.head !== undefined &&
      stat.mtimeMs !== undefined &&
      head.mtimeMs === stat.mtimeMs &&
      head.size === stat.size &&
      // Every byte decoded (a cut character at the end is dropped from a head; a whole file has none cut).
      Buffer.byteLength(head.head) === stat.size;
    const text = whole ? head.head : this.fs.readFile(file);
    if (stat.mtimeMs !== undefined) this.diskTexts.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, text });
    return text;
  }

  exists(file: string): boolean {
    return this.open.has(file) || this.stat(file) !== undefined;
  }

  isDirectory(file: string): boolean {
    return this.stat(file)?.isDirectory ?? false;
  }

  fileSize(file: string): number | undefined {
    const open = this.open.get(file);
    return open ? open.text.length : this.stat(file)?.size;
  }

  listDirectory(dir: string): string[] {
    this.renewCaches();
    let names = this.listings.get(dir);
    if (!names) {
      names = this.fs.readDirectory(dir).sort();
      if (this.listings.size >= MAX_REMEMBERED_PATHS) this.listings.clear();
      this.listings.set(dir, names);
    }
    // A copy: callers may sort or filter what they get.
    return [...names];
  }

  /** The host's stat, asked once per path and revision. */
  private stat(file: string): FileStat | undefined {
    this.renewCaches();
    if (this.stats.has(file)) return this.stats.get(file);
    const stat = this.fs.stat(file);
    if (this.stats.size >= MAX_REMEMBERED_PATHS) this.stats.clear();
    this.stats.set(file, stat);
    return stat;
  }

  private renewCaches(): void {
    if (this.cachedAt === this.revision) return;
    this.cachedAt = this.revision;
    if (this.cachedAtDisk === this.diskRevision && Date.now() - this.cachedSince < WorkspaceProject.diskAnswersTrustedMs) return;
    this.stats.clear();
    this.listings.clear();
    this.cachedAtDisk = this.diskRevision;
    this.cachedSince = Date.now();
    this.derived.clear();
  }

  diskDerived<T>(key: string, compute: (project: Project) => T): T {
    this.renewCaches();
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const answer = compute(this);
    if (this.derived.size >= MAX_REMEMBERED_PATHS) this.derived.clear();
    this.derived.set(key, answer);
    return answer;
  }

  workspaceFiles(): readonly string[] {
    if (!this.walked) {
      const result = walkWorkspace(this.root, this.fs, { maxFiles: this.settings.maxWorkspaceFiles });
      this.walkTruncated = result.truncated;
      const files = new Set(result.files);
      for (const file of this.open.keys()) if (file !== this.root && isInside(this.root, file)) files.add(file);
      this.walked = [...files].sort();
    }
    return this.walked;
  }

  /** The workspace files some format claims (by name, first bytes, or a settled `-c` claim), in walk order. */
  claimedFiles(): string[] {
    return this.workspaceFiles().filter((file) => this.formatOf(file) !== undefined);
  }

  formatOf(file: string): FormatSupport<unknown> | undefined {
    let format = this.formatByPath.get(file);
    if (format === undefined) {
      const claimed = this.claims.get(file);
      const head = () => this.head(file);
      format = claimed ?? this.formats.find((candidate) => safeMatches(candidate, file, this.settings, head)) ?? null;
      if (this.formatByPath.size >= MAX_REMEMBERED_PATHS) this.formatByPath.clear();
      this.formatByPath.set(file, format);
    }
    return format ?? undefined;
  }

  parsed(file: string): { language: string; document: unknown } | undefined {
    const entry = this.parse(file);
    return entry && { language: entry.format.language, document: entry.document };
  }

  /** Parses (or re-parses incrementally) a file whose format is known; undefined when unreadable. */
  parse(file: string): ParseEntry | undefined {
    const format = this.formatOf(file);
    if (!format) return undefined;
    const text = this.readFile(file);
    if (text === undefined) return undefined;
    const cached = this.parses.get(file);
    if (cached && cached.text === text && cached.format === format) return cached;
    const previous = cached?.format === format ? cached.document : undefined;
    let document: unknown;
    try {
      document = format.parse(text, file, previous);
      this.parseFailures.delete(file);
    } catch (error) {
      // Parsers are error-tolerant by contract; this is the last guard, and the service reports it.
      this.parseFailures.set(file, error instanceof Error ? error.message : String(error));
      return undefined;
    }
    const entry = { text, format, document };
    this.parses.set(file, entry);
    return entry;
  }
}

function safeMatches(format: FormatSupport<unknown>, file: string, settings: Settings, head: () => string | undefined): boolean {
  try {
    return format.matches(file, settings, head);
  } catch {
    return false;
  }
}
