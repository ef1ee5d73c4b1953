/**
 * findRequirements with a memory: every check, hover and completion asks which requirements apply to the config
 * file, and the answer only changes when a folder listing or a requirement file changes. So the first search is
 * recorded (each Project call it made, with its answer); a later search for the same file replays those calls
 * (folder listings and file reads, no parsing) and, when every answer is the same, returns the earlier result.
 * Any difference, and the search runs again.
 */
import type { Project } from '../../core/format';
import { findRequirements } from './find';
import type { RequirementsInfo } from './types';

type Method = 'readFile' | 'exists' | 'isDirectory' | 'listDirectory';

interface Call {
  method: Method;
  path: string;
  answer: string | boolean | string[] | undefined;
}

interface Recording {
  calls: Call[];
  info: RequirementsInfo | undefined;
}

const recordings = new Map<string, Recording>();
/** Config files remembered at most; past that the memory starts again (a workspace has a handful). */
const MAX_RECORDINGS = 200;
/** A search that made more calls than this is not remembered (a replay would cost as much as the search). */
const MAX_CALLS = 500;

function sameAnswer(a: Call['answer'], b: Call['answer']): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  return a === b;
}

function ask(project: Project, method: Method, path: string): Call['answer'] {
  switch (method) {
    case 'readFile':
      return project.readFile(path);
    case 'exists':
      return project.exists(path);
    case 'isDirectory':
      return project.isDirectory(path);
    case 'listDirectory':
      return project.listDirectory(path);
  }
}

/** The project, with the four calls findRequirements makes recorded into `calls`. */
function recording(project: Project, calls: Call[]): Project {
  const record = <T extends Call['answer']>(method: Method, path: string, answer: T): T => {
    calls.push({ method, path, answer: Array.isArray(answer) ? [...answer] : answer });
    return answer;
  };
  return {
    root: project.root,
    settings: project.settings,
    readFile: (path) => record('readFile', path, project.readFile(path)),
    exists: (path) => record('exists', path, project.exists(path)),
    isDirectory: (path) => record('isDirectory', path, project.isDirectory(path)),
    listDirectory: (path) => record('listDirectory', path, project.listDirectory(path)),
    workspaceFiles: () => project.workspaceFiles(),
    parsed: (path) => project.parsed(path),
  };
}

/** The requirements that apply to `path` (as findRequirements finds them); undefined when none or unreadable. */
export function requirementsFor(project: Project, path: string): RequirementsInfo | undefined {
  const key = `${project.root}\u0000${path}`;
  const earlier = recordings.get(key);
  if (earlier && earlier.calls.every((call) => sameAnswer(ask(project, call.method, call.path), call.answer))) return earlier.info;
  const calls: Call[] = [];
  let info: RequirementsInfo | undefined;
  try {
    info = findRequirements(recording(project, calls), path);
  } catch {
    recordings.delete(key);
    return undefined;
  }
  if (calls.length <= MAX_CALLS) {
    if (recordings.size >= MAX_RECORDINGS) recordings.clear();
    recordings.set(key, { calls, info });
  } else recordings.delete(key);
  return info;
}
