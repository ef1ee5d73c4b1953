/** An in-memory FileSystemHost for tests: files by absolute POSIX path; folders exist where files are under them. */
import * as path from 'node:path';
import type { FileStat, FileSystemHost } from '../../server/src/service/fileSystem';
import { WorkspaceProject } from '../../server/src/service/project';
import { withDefaults, type Settings } from '../../server/src/core/settings';

export class MemoryFileSystem implements FileSystemHost {
  private readonly files = new Map<string, string>();
  /** Every path read, in order, so a test can see what an analysis touched. */
  readonly reads: string[] = [];

  constructor(files: Record<string, string> = {}) {
    for (const [file, text] of Object.entries(files)) this.write(file, text);
  }

  write(file: string, text: string): void {
    this.files.set(path.posix.normalize(file), text);
  }

  readFile(file: string): string | undefined {
    this.reads.push(file);
    return this.files.get(path.posix.normalize(file));
  }

  stat(file: string): FileStat | undefined {
    const normalized = path.posix.normalize(file);
    const text = this.files.get(normalized);
    if (text !== undefined) return { isFile: true, isDirectory: false, size: text.length };
    return this.isFolder(normalized) ? { isFile: false, isDirectory: true, size: 0 } : undefined;
  }

  readDirectory(dir: string): string[] {
    const prefix = path.posix.normalize(dir).replace(/\/?$/, '/');
    const names = new Set<string>();
    for (const file of this.files.keys()) if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0]);
    return [...names];
  }

  private isFolder(dir: string): boolean {
    const prefix = dir.replace(/\/?$/, '/');
    for (const file of this.files.keys()) if (file.startsWith(prefix)) return true;
    return false;
  }
}

/** A WorkspaceProject over in-memory files under `root` (relative names are joined to it). */
export function memoryProject(root: string, files: Record<string, string>, settings?: Partial<Settings>): { project: WorkspaceProject; fs: MemoryFileSystem } {
  const absolute: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) absolute[name.startsWith('/') ? name : path.posix.join(root, name)] = text;
  const fs = new MemoryFileSystem(absolute);
  return { project: new WorkspaceProject(root, fs, withDefaults(settings), []), fs };
}
