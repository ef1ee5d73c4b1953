/** Small pieces shared by the systemd rules. */
import type { Fix } from '../../../core/findings';
import type { UnitEntry, UnitSection } from '../document';
import type { SystemdCheckContext } from '../context';

/** A fix that adds `line` on its own line right after an entry (continuation lines included). */
export function insertLineAfter(entry: UnitEntry, line: string, title: string, safe: boolean): Fix {
  return { title, safe, preferred: true, edits: [{ range: { start: entry.range.end, end: entry.range.end }, newText: `\n${line}` }] };
}

/** A fix that adds `line` right after a section header. */
export function insertLineInSection(section: UnitSection, line: string, title: string, safe: boolean): Fix {
  return { title, safe, preferred: true, edits: [{ range: { start: section.headerRange.end, end: section.headerRange.end }, newText: `\n${line}` }] };
}

/** The gunicorn ExecStart= of this very file (checks that point at it stay quiet when it lives elsewhere). */
export function localGunicorn(context: SystemdCheckContext) {
  const gunicorn = context.facts.gunicorn;
  if (!gunicorn || context.document.dropIn || gunicorn.path !== context.document.path) return undefined;
  return gunicorn;
}

export function findEntry(context: SystemdCheckContext, start: number): UnitEntry | undefined {
  return context.document.entries.find((e) => e.range.start <= start && start <= e.range.end);
}
