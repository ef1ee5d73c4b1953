/**
 * A file's single-file findings, reused while nothing they were computed from has changed. A check reads its own
 * text and document, and sometimes other files through the Project (the config a unit's `-c` names, the env file
 * it loads, the requirements): every such question is recorded with its answer, and the earlier findings stand only
 * when the same text, document and settings come back and every question, asked again, gets the same answer. So
 * after an edit the workspace diagnostics re-check the edited file and the files that read it, and only replay a
 * few recorded questions for every other file.
 *
 * A check that reads the project's revision (it consults a memo kept per revision, such as the nginx workspace
 * index, whose own reads were recorded by whichever check built it) depends on everything: its findings are kept
 * for that revision only.
 */
import type { AnalysisContext, Project } from '../core/format';
import type { Finding } from '../core/findings';
import type { Settings } from '../core/settings';

interface Question {
  ask: (project: Project) => unknown;
  answer: unknown;
  /** How a new answer is compared with the recorded one; `sameAnswer` by default. */
  same?: (a: unknown, b: unknown) => boolean;
}

interface Entry {
  text: string;
  document: unknown;
  settings: Settings;
  /** The revision the findings hold for only, when the check read it; else undefined (they hold while the answers do). */
  revision: number | undefined;
  questions: Question[];
  findings: readonly Finding[];
}

/** A check that asked more than this is not remembered: replaying would cost about as much as checking. */
const MAX_QUESTIONS = 2000;
/** Files remembered at most (the workspace walk is capped below this; a client opening files outside it is not). */
const MAX_ENTRIES = 20_000;

type RevisionedProject = Project & { readonly revision: number };

export class CheckCache {
  private readonly entries = new Map<string, Entry>();
  /** Where the recording project writes while a check runs; undefined between checks. */
  private recording: { questions: Question[]; revisionRead: boolean } | undefined;
  /**
   * One recording project for every check, so memos the formats keep per project (and revision) still find it:
   * a fresh wrapper per check would make them rebuild per file.
   */
  private readonly recorder: RevisionedProject;

  constructor(private readonly project: RevisionedProject) {
    this.recorder = recordingProject(project, () => this.recording);
  }

  /** The findings of `check` for this context (whose project is the cache's), from the cache when still valid. */
  run(context: AnalysisContext<unknown>, check: (context: AnalysisContext<unknown>) => Iterable<Finding>): readonly Finding[] {
    const project = this.project;
    const earlier = this.entries.get(context.path);
    if (
      earlier &&
      earlier.text === context.text &&
      earlier.document === context.document &&
      earlier.settings === project.settings &&
      (earlier.revision === undefined || earlier.revision === project.revision) &&
      earlier.questions.every(({ ask, answer, same }) => (same ?? sameAnswer)(ask(project), answer))
    ) {
      return earlier.findings;
    }
    const outer = this.recording;
    const recording = { questions: [] as Question[], revisionRead: false };
    this.recording = recording;
    let findings: Finding[];
    try {
      findings = [...check({ ...context, project: this.recorder })];
    } finally {
      this.recording = outer;
    }
    if (recording.questions.length <= MAX_QUESTIONS) {
      if (!earlier && this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(context.path, {
        text: context.text,
        document: context.document,
        settings: project.settings,
        revision: recording.revisionRead ? project.revision : undefined,
        questions: recording.questions,
        findings,
      });
    } else {
      this.entries.delete(context.path);
    }
    return findings;
  }

  /** Forgets a file (closed, deleted): its entry holds its text and document. */
  forget(path: string): void {
    this.entries.delete(path);
  }
}

function sameAnswer(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  return false;
}

/** A derived answer computed again (new disk answers) is the same when its fields are: `{ files: [...], ... }`. */
function sameFields(a: unknown, b: unknown): boolean {
  if (sameAnswer(a, b)) return true;
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => sameAnswer(a[key], b[key]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** The project, with every question asked during a check recorded (with its answer) where `current()` says. */
function recordingProject(project: RevisionedProject, current: () => { questions: Question[]; revisionRead: boolean } | undefined): RevisionedProject {
  const ask = <T>(question: (project: Project) => T, kept?: (answer: T) => unknown, same?: Question['same']): T => {
    const answer = question(project);
    current()?.questions.push({ ask: question, answer: kept ? kept(answer) : answer, same });
    return answer;
  };
  return {
    root: project.root,
    get settings() {
      return project.settings;
    },
    get revision() {
      const recording = current();
      if (recording) recording.revisionRead = true;
      return project.revision;
    },
    readFile: (path) => ask((p) => p.readFile(path)),
    exists: (path) => ask((p) => p.exists(path)),
    isDirectory: (path) => ask((p) => p.isDirectory(path)),
    // A copy is kept: the caller may sort or filter the list it was given.
    listDirectory: (path) =>
      ask(
        (p) => p.listDirectory(path),
        (names) => [...names],
      ),
    // The walk's list stays the same array until a file appears or goes.
    workspaceFiles: () => ask((p) => p.workspaceFiles()),
    // The derived answer stands for every question computing it asked (the project computes it on itself).
    diskDerived: <T>(key: string, compute: (own: Project) => T) =>
      ask((p) => (p.diskDerived ? p.diskDerived(key, compute) : compute(p)), undefined, sameFields),
    // The parsed document is the parse cache's, the same object while the file's text is the same.
    parsed: (path) => {
      const answer = project.parsed(path);
      current()?.questions.push({ ask: (p) => p.parsed(path)?.document, answer: answer?.document });
      return answer;
    },
  };
}
