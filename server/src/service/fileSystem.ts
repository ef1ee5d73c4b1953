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
}

export interface FileSystemHost {
  readFile(path: string): string | undefined;
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
  stat(path) {
    try {
      // lstat: links are not followed, so a link cycle can never make a walk endless.
      const stat = fs.lstatSync(path);
      return { isFile: stat.isFile(), isDirectory: stat.isDirectory(), size: stat.size, mtimeMs: stat.mtimeMs };
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
