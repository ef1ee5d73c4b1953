/** Test helpers: a Project over a folder on disk or over an in-memory map, and a one-call lint. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisContext, Project } from '../../server/src/core/format';
import type { Finding } from '../../server/src/core/findings';
import { withDefaults, type Settings } from '../../server/src/core/settings';
import { systemdFormat, type UnitDocument } from '../../server/src/formats/systemd';

/** `documents` stands in for other formats' parsed documents (a gunicorn config's model), by path. */
export function memoryProject(
  files: Record<string, string>,
  settings: Partial<Settings> = {},
  root = '/work',
  documents: Record<string, unknown> = {},
): Project {
  const paths = Object.keys(files).sort();
  const project: Project = {
    root,
    settings: withDefaults(settings),
    readFile: (p) => files[p],
    exists: (p) => p in files || paths.some((f) => f.startsWith(p + '/')),
    isDirectory: (p) => paths.some((f) => f.startsWith(p + '/')),
    listDirectory: (dir) => [...new Set(paths.filter((f) => f.startsWith(dir + '/')).map((f) => f.slice(dir.length + 1).split('/')[0]))].sort(),
    workspaceFiles: () => paths,
    parsed: (p) =>
      p in documents
        ? { language: 'python', document: documents[p] }
        : p in files && systemdFormat.matches(p, project.settings)
          ? { language: systemdFormat.language, document: systemdFormat.parse(files[p], p) }
          : undefined,
  };
  return project;
}

export function diskProject(root: string, settings: Partial<Settings> = {}): Project {
  const files: Record<string, string> = {};
  const walk = (dir: string, depth: number) => {
    if (depth > 6) return;
    for (const name of fs.readdirSync(dir)) {
      if (name === '.fixed') continue;
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full, depth + 1);
      else files[full] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root, 0);
  return memoryProject(files, settings, root);
}

export function contextFor(
  text: string,
  filePath = '/work/app.service',
  project: Project = memoryProject({ [filePath]: text }),
): AnalysisContext<UnitDocument> {
  return { path: filePath, text, document: systemdFormat.parse(text, filePath), project };
}

export function lint(text: string, filePath = '/work/app.service', project?: Project): Finding[] {
  return systemdFormat.check(contextFor(text, filePath, project));
}

/** Splits `before<|>after` into the text and the caret offset. */
export function caret(source: string): { text: string; offset: number } {
  const offset = source.indexOf('<|>');
  return { text: source.replace('<|>', ''), offset };
}
