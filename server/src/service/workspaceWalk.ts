/**
 * The bounded walk over a workspace, shared by the server's indexing and the CLI: the same files in both.
 * Skips version control, dependency and virtual-environment folders, hidden folders, and stops at a file cap.
 */
import * as path from 'node:path';
import type { DirectoryEntry, FileSystemHost } from './fileSystem';
import { compareStrings } from '../core/text';

const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', 'env', '.venv', 'virtualenv', 'bower_components', 'htmlcov']);

export interface WalkOptions {
  maxFiles: number;
  /** Folders deeper than this are not entered. */
  maxDepth?: number;
}

export interface WalkResult {
  files: string[];
  /** True when the file cap stopped the walk. */
  truncated: boolean;
}

export function walkWorkspace(root: string, fs: FileSystemHost, options: WalkOptions): WalkResult {
  const files: string[] = [];
  const maxDepth = options.maxDepth ?? 24;
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  for (let next = 0; next < queue.length; next++) {
    const { dir, depth } = queue[next];
    const entries = readEntries(fs, dir).sort((a, b) => compareStrings(a.name, b.name));
    // A folder holding pyvenv.cfg is a virtual environment, whatever its name.
    if (depth > 0 && entries.some((entry) => entry.name === 'pyvenv.cfg')) continue;
    for (const { name, isFile, isDirectory } of entries) {
      const full = path.join(dir, name);
      if (isDirectory) {
        if (name.startsWith('.') || SKIPPED_FOLDERS.has(name) || depth + 1 > maxDepth) continue;
        queue.push({ dir: full, depth: depth + 1 });
      } else if (isFile) {
        if (files.length >= options.maxFiles) return { files, truncated: true };
        files.push(full);
      }
    }
  }
  return { files, truncated: false };
}

/** A folder's entries with kinds: from one call where the host offers it, else a stat per entry. */
function readEntries(fs: FileSystemHost, dir: string): DirectoryEntry[] {
  if (fs.readDirectoryEntries) return fs.readDirectoryEntries(dir);
  const entries: DirectoryEntry[] = [];
  for (const name of fs.readDirectory(dir)) {
    const stat = fs.stat(path.join(dir, name));
    // Links are not walked (as readDirectoryEntries reports them): no cycles, no file seen twice.
    if (stat && !stat.isSymbolicLink) entries.push({ name, isFile: stat.isFile, isDirectory: stat.isDirectory });
  }
  return entries;
}
