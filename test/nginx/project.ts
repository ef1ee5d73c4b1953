/** A Project over real folders (fixtures, temp dirs) for nginx tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Project } from '../../server/src/core/format';
import { withDefaults, type Settings } from '../../server/src/core/settings';
import { nginxFormat } from '../../server/src/formats/nginx';

export function folderProject(root: string, settings: Partial<Settings> = {}, overrides: Record<string, string> = {}): Project {
  const cache = new Map<string, unknown>();
  const walk = (dir: string, out: string[]) => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (name === '.fixed' || name === 'node_modules') continue;
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full, out);
      else out.push(full);
    }
    return out;
  };
  const project: Project = {
    root,
    settings: withDefaults(settings),
    readFile: (p) => overrides[p] ?? (fs.existsSync(p) && fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : undefined),
    exists: (p) => p in overrides || fs.existsSync(p),
    isDirectory: (p) => fs.existsSync(p) && fs.statSync(p).isDirectory(),
    listDirectory: (p) => (fs.existsSync(p) && fs.statSync(p).isDirectory() ? fs.readdirSync(p).sort() : []),
    workspaceFiles: () => (fs.existsSync(root) ? walk(root, []) : []),
    parsed: (p) => {
      if (!nginxFormat.matches(p, project.settings)) return undefined;
      if (!cache.has(p)) {
        const text = project.readFile(p);
        if (text === undefined) return undefined;
        cache.set(p, nginxFormat.parse(text, p));
      }
      return { language: 'nginx', document: cache.get(p) };
    },
  };
  return project;
}

/** Lints one text as the file `path` of the project. */
export function lint(project: Project, filePath: string, text: string) {
  const document = nginxFormat.parse(text, filePath);
  const context = { path: filePath, text, document, project };
  return { context, findings: nginxFormat.check(context) };
}
