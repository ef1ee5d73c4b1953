/**
 * The file system as the service sees it. The editor, the CLI and the tests all pass one in, so the very same
 * code runs everywhere; `nodeFileSystem` is the real disk.
 */
import * as fs from 'node:fs';

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** Modification time in milliseconds, when the host knows it: lets reads be cached safely. */
  mtimeMs?: number;
  /**
   * The path is a symbolic link (the other fields describe its target). Reads follow links (Debian's
   * `sites-enabled/app -> ../sites-available/app`); the workspace walk does not enter or list them.
   */
  isSymbolicLink?: boolean;
}

export interface FileSystemHost {
  readFile(path: string): string | undefined;
  /** The first `bytes` bytes of a file as text (a partial last character dropped), when the host can read just those. */
  readHead?(path: string, bytes: number): string | undefined;
  /** Why a file that exists cannot be read (`EACCES: permission denied`), for error messages; undefined when it can. */
  readError?(path: string): string | undefined;
  stat(path: string): FileStat | undefined;
  /** Entry names of a folder, unsorted; [] when it is missing. */
  readDirectory(path: string): string[];
  /**
   * A folder's entries with their kinds, links not followed, when the host can tell them without a stat per entry
   * (the disk can: one readdir call). The workspace walk prefers it; hosts without it are walked with stat().
   */
  readDirectoryEntries?(path: string): DirectoryEntry[];
}

export interface DirectoryEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}

export const nodeFileSystem: FileSystemHost = {
  readFile(path) {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  readHead(path, bytes) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'r');
      const buffer = Buffer.alloc(bytes);
      const read = fs.readSync(fd, buffer, 0, bytes, 0);
      // A multi-byte character cut at the end decodes as U+FFFD: drop it.
      return buffer
        .subarray(0, read)
        .toString('utf8')
        .replace(/\uFFFD$/, '');
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
  readError(path) {
    let fd: number | undefined;
    try {
      if (fs.statSync(path).isDirectory()) return 'is a folder';
      // Open and read a byte: permission bits say nothing when running as root, and some files fail only on read.
      fd = fs.openSync(path, 'r');
      fs.readSync(fd, Buffer.alloc(1), 0, 1, 0);
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (or a broken link)' : describeError(error);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
  stat(path) {
    try {
      // lstat first: the walk sees a link as a link (never entered, so a link cycle cannot make it endless); a read
      // of a link follows it, as nginx and systemd do.
      const link = fs.lstatSync(path);
      const stat = link.isSymbolicLink() ? fs.statSync(path) : link;
      const result: FileStat = { isFile: stat.isFile(), isDirectory: stat.isDirectory(), size: stat.size, mtimeMs: stat.mtimeMs };
      if (link.isSymbolicLink()) result.isSymbolicLink = true;
      return result;
    } catch {
      return undefined;
    }
  },
  readDirectory(path) {
    try {
      return fs.readdirSync(path);
    } catch {
      return [];
    }
  },
  readDirectoryEntries(path) {
    try {
      return fs.readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, isFile: entry.isFile(), isDirectory: entry.isDirectory() }));
    } catch {
      return [];
    }
  },
};

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return error instanceof Error ? error.message : String(error);
}
