/**
 * Finding a project's requirement files: walk up from a file's folder to the workspace root; the first folder
 * that holds any requirements*.txt, requirements/*.txt, pyproject.toml, Pipfile or setup.cfg wins, and its files
 * are merged. Lock files in that folder (poetry.lock, uv.lock, Pipfile.lock) then give exact versions.
 */
import * as path from 'node:path';
import type { Project } from '../../core/format';
import { isInside } from '../../core/paths';
import { compareStrings } from '../../core/text';
import type { Requirement, RequirementsInfo } from './types';
import { LOCK_FILE_NAMES, parseLockFile } from './lockFiles';
import { parsePipfile } from './pipfile';
import { parsePyproject } from './pyproject';
import { parseRequirementsTxtWithIncludes } from './requirementsTxt';
import { parseSetupCfg } from './setupCfg';

/** Folders walked up at most (a guard against odd roots; real trees are far shallower). */
const MAX_WALK = 64;
/** requirements/*.txt files read at most from one folder. */
const MAX_REQUIREMENT_FILES = 50;

const REQUIREMENTS_TXT = /^requirements.*\.txt$/i;

/**
 * The requirement files of one folder, in merge order: pyproject.toml, Pipfile, setup.cfg, requirements*.txt,
 * requirements/*.txt.
 */
function candidatesIn(project: Project, folder: string): string[] {
  const names = project.listDirectory(folder);
  const found: string[] = [];
  if (names.includes('pyproject.toml')) found.push(path.join(folder, 'pyproject.toml'));
  if (names.includes('Pipfile')) found.push(path.join(folder, 'Pipfile'));
  // Many setup.cfg files only configure tools (flake8, pytest): they count only when they declare requirements.
  if (names.includes('setup.cfg') && /\b(install_requires|extras_require)\b/.test(project.readFile(path.join(folder, 'setup.cfg')) ?? '')) {
    found.push(path.join(folder, 'setup.cfg'));
  }
  const txt = names.filter((name) => REQUIREMENTS_TXT.test(name)).sort(byRequirementsFirst);
  for (const name of txt) {
    const full = path.join(folder, name);
    if (!project.isDirectory(full)) found.push(full);
  }
  const sub = path.join(folder, 'requirements');
  if (names.includes('requirements') && project.isDirectory(sub)) {
    const inner = project
      .listDirectory(sub)
      .filter((name) => name.toLowerCase().endsWith('.txt'))
      .sort(byRequirementsFirst)
      .slice(0, MAX_REQUIREMENT_FILES);
    for (const name of inner) found.push(path.join(sub, name));
  }
  return found;
}

/** `requirements.txt` (or `base.txt`/`prod.txt`) before the rest, then alphabetical: production pins usually win. */
function byRequirementsFirst(a: string, b: string): number {
  const rank = (name: string) => (/^requirements\.txt$/i.test(name) ? 0 : /^(base|prod|production|main)\.txt$/i.test(name) ? 1 : 2);
  return rank(a) - rank(b) || compareStrings(a, b);
}

function parseFile(project: Project, file: string, files: string[]): Requirement[] {
  const text = project.readFile(file);
  if (text === undefined) return [];
  files.push(file);
  const base = path.basename(file);
  if (base === 'pyproject.toml') return parsePyproject(text, file);
  if (base === 'Pipfile') return parsePipfile(text, file);
  if (base === 'setup.cfg') return parseSetupCfg(text, file);
  const read = parseRequirementsTxtWithIncludes(text, file, (target) => project.readFile(target));
  files.push(...read.files);
  return read.requirements;
}

/**
 * The requirements that apply to a file (a gunicorn.conf.py, a unit, ...). Undefined when no folder between the
 * file and the workspace root has requirement files. A file outside the root only looks in its own folder.
 */
export function findRequirements(project: Project, fromPath: string): RequirementsInfo | undefined {
  const root = path.resolve(project.root);
  let folder = path.dirname(path.resolve(fromPath));
  const walkUp = isInside(root, folder);
  for (let step = 0; step < MAX_WALK; step++) {
    const candidates = candidatesIn(project, folder);
    if (candidates.length > 0) {
      const files: string[] = [];
      const packages = new Map<string, Requirement>();
      for (const file of candidates) {
        for (const requirement of parseFile(project, file, files)) {
          if (!packages.has(requirement.name)) packages.set(requirement.name, requirement);
        }
      }
      applyLockFiles(project, folder, files, packages);
      return { files: [...new Set(files)], packages };
    }
    if (!walkUp || folder === root) return undefined;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
  return undefined;
}

/**
 * Exact versions from the folder's lock files: a loosely declared package gets the locked version as `pinned`;
 * a package only the lock names is added. The first lock file that names a package wins.
 */
function applyLockFiles(project: Project, folder: string, files: string[], packages: Map<string, Requirement>): void {
  const names = project.listDirectory(folder);
  const locked = new Set<string>();
  for (const lockName of LOCK_FILE_NAMES) {
    if (!names.includes(lockName)) continue;
    const file = path.join(folder, lockName);
    const text = project.readFile(file);
    if (text === undefined) continue;
    files.push(file);
    for (const lock of parseLockFile(text, file)) {
      if (locked.has(lock.name)) continue;
      locked.add(lock.name);
      const declared = packages.get(lock.name);
      if (declared) {
        if (declared.pinned === undefined) packages.set(lock.name, { ...declared, pinned: lock.version, lockedIn: file });
      } else {
        packages.set(lock.name, {
          name: lock.name,
          rawName: lock.name,
          specifier: '',
          pinned: lock.version,
          lockedIn: file,
          extras: [],
          path: file,
          range: lock.range,
        });
      }
    }
  }
}

/** The gunicorn version pinned exactly (`gunicorn==23.0.0`, Poetry `gunicorn = "23.0.0"`), else undefined. */
export function gunicornVersionFromRequirements(info: RequirementsInfo | undefined): string | undefined {
  return info?.packages.get('gunicorn')?.pinned;
}
