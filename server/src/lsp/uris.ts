/**
 * URIs at the edge: the service speaks absolute file-system paths, the protocol speaks URIs. Only `file:` URIs
 * are served; anything else (untitled:, git:, vscode-notebook-cell:) maps to undefined and gets an empty answer.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    // e.g. a file URI with a host on POSIX, or a malformed escape
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
