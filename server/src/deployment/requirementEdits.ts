/**
 * Adding a package to the requirements file that lists gunicorn: the file the deployment installs from. Only a
 * `requirements*.txt` is edited (pyproject and Pipfile have their own tools and lock files), never one that uses
 * `--hash` (pip refuses an unhashed line there), and the line is version-less: the user picks the pin.
 */
import * as path from 'node:path';
import type { Project } from '../core/format';
import type { FileEdit } from '../core/findings';
import { lineAround } from '../formats/gunicorn/rules/facts';
import type { Invocation } from './model';
import { newlineOf } from './pythonEdits';

export function addRequirementEdit(invocation: Invocation, project: Project, packageName: string): FileEdit | undefined {
  const gunicorn = invocation.requirements?.packages.get('gunicorn');
  if (!gunicorn || !/^requirements.*\.txt$/i.test(path.basename(gunicorn.path))) return undefined;
  const text = project.readFile(gunicorn.path);
  if (text === undefined || /--hash\b/.test(text)) return undefined;
  if (!text.slice(gunicorn.range.start, gunicorn.range.end).toLowerCase().includes(gunicorn.rawName.toLowerCase())) return undefined;
  // After gunicorn's line, or after its last continuation line.
  let end = lineAround(text, gunicorn.range.start).end;
  while (text.slice(0, end).trimEnd().endsWith('\\') && end < text.length) end = lineAround(text, end + 1).end;
  return { path: gunicorn.path, range: { start: end, end }, newText: `${newlineOf(text)}${packageName}` };
}
