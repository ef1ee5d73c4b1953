/** User settings, the same for the editor (from the client's configuration) and the CLI (from its flags). */
import type { SeveritySetting } from './findings';

export interface Settings {
  /** Per-check severity or "off", by check id. */
  rules: Record<string, SeveritySetting>;
  /** e.g. "23.0"; undefined means: from the requirements pin, else the newest known. */
  gunicornVersion?: string;
  /** e.g. "1.22"; undefined means the newest known. */
  nginxVersion?: string;
  /** e.g. "252"; undefined means the newest known. */
  systemdVersion?: string;
  /** Extra globs (workspace-relative) of files to treat as gunicorn configs. */
  gunicornConfigGlobs: string[];
  /** Files larger than this get one information diagnostic and no analysis. */
  maxFileBytes: number;
  /** The most files the workspace walk reads. */
  maxWorkspaceFiles: number;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  gunicornConfigGlobs: [],
  maxFileBytes: 2 * 1024 * 1024,
  maxWorkspaceFiles: 20000,
};

export function withDefaults(partial: Partial<Settings> | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...(partial ?? {}), rules: { ...(partial?.rules ?? {}) } };
}
