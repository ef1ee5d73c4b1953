/**
 * The bounded walk over a workspace, shared by the server's indexing and the CLI: the same files in both.
 * Skips version control, dependency and virtual-environment folders, hidden folders, and stops at a file cap.
 */
import * as path from 'node:path';
import type { FileSystemHost } from './fileSystem';

const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '__pycache__',
  'site-packages',
  'venv',
  'env',
  '.venv',
  'virtualenv',
  'bower_components',
  'htmlcov',
]);

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
  while (queue.length > 0) {
    const { dir, depth } = queue.shift()!;
    const names = fs.readDirectory(dir).sort();
    // A folder holding pyvenv.cfg is a virtual environment, whatever its name.
    if (depth > 0 && names.includes('pyvenv.cfg')) continue;
    for (const name of names) {
      const full = path.join(dir, name);
      const stat = fs.stat(full);
      if (!stat) continue;
      if (stat.isDirectory) {
        if (name.startsWith('.') || SKIPPED_FOLDERS.has(name) || depth + 1 > maxDepth) continue;
        queue.push({ dir: full, depth: depth + 1 });
      } else if (stat.isFile) {
        if (files.length >= options.maxFiles) return { files, truncated: true };
        files.push(full);
      }
    }
  }
  return { files, truncated: false };
}
