/**
 * Edits that change where a setting is set, in whichever file sets it: a config assignment gets a new value or
 * loses its line; a command-line flag (a unit's ExecStart=, a Procfile, GUNICORN_CMD_ARGS) is removed or given a
 * new value. Every assignment that would take over once the winner is gone is handled too, so the fix does what it
 * says; when one of them is unknown (environment, call), no edit is offered.
 */
import type { Project } from '../core/format';
import type { FileEdit } from '../core/findings';
import { settingOf } from './effective';
import { currentConfig } from './hookEdits';
import type { Invocation, SettingAssignment } from './model';
import { removeStatementLine } from './pythonEdits';

function assignmentsOf(invocation: Invocation, name: string): SettingAssignment[] {
  const effective = settingOf(invocation, name);
  return [effective, ...effective.overridden].filter((assignment) => assignment.source !== 'default');
}

function isTrue(assignment: SettingAssignment): boolean | undefined {
  if (!assignment.value.known) return undefined;
  const value = assignment.value.value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && ['true', 'false'].includes(value.trim().toLowerCase())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

/** Removes a flag (and its value) with the blank before it, when the host file still holds it where the model says. */
function removeFlag(project: Project, assignment: SettingAssignment): FileEdit | undefined {
  const statement = assignment.statement;
  if (!statement) return undefined;
  const text = project.readFile(statement.path);
  if (text === undefined || !text.slice(statement.range.start, statement.range.end).startsWith('-')) return undefined;
  let start = statement.range.start;
  let end = statement.range.end;
  // An element of a JSON or YAML flow array (a Dockerfile's exec form): its quotes and one comma go with it.
  if (start > 0 && text[start - 1] === '"' && text[end] === '"') {
    start--;
    end++;
    const after = /^[ \t]*,[ \t]*/.exec(text.slice(end));
    const before = /,[ \t]*$/.exec(text.slice(Math.max(0, start - 16), start));
    if (after) end += after[0].length;
    else if (before) start -= before[0].length;
    return { path: statement.path, range: { start, end }, newText: '' };
  }
  if (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  else if (text[end] === ' ' || text[end] === '\t') end++;
  return { path: statement.path, range: { start, end }, newText: '' };
}

/**
 * Turns a boolean setting off wherever it is on: `name = False` in the config (the line stays, so the choice is
 * visible), and the flags removed. Undefined when some assignment is unknown or cannot be edited.
 */
export function turnOffEdits(invocation: Invocation, project: Project, name: string): FileEdit[] | undefined {
  const edits: FileEdit[] = [];
  for (const assignment of assignmentsOf(invocation, name)) {
    const on = isTrue(assignment);
    if (on === undefined) return undefined;
    if (!on) break; // a lower-priority `False` is what remains: nothing below it matters
    const edit = assignment.source === 'config' ? configValueEdit(invocation, project, assignment, 'False') : removeFlag(project, assignment);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits.length > 0 ? edits : undefined;
}

/** Removes a boolean setting wherever it is on (its config line, its flags): gunicorn's default applies again. */
export function removeSettingEdits(invocation: Invocation, project: Project, name: string): FileEdit[] | undefined {
  const edits: FileEdit[] = [];
  for (const assignment of assignmentsOf(invocation, name)) {
    const on = isTrue(assignment);
    if (on === undefined) return undefined;
    if (!on) break;
    let edit: FileEdit | undefined;
    if (assignment.source === 'config') {
      const config = currentConfig(invocation, project);
      const statement = assignment.statement;
      const removal = config && statement && statement.path === config.path ? removeStatementLine(config.text, statement.range) : undefined;
      edit = removal && { path: config!.path, ...removal };
    } else {
      edit = removeFlag(project, assignment);
    }
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits.length > 0 ? edits : undefined;
}

/** Replaces a config assignment's value with a Python expression. */
export function configValueEdit(invocation: Invocation, project: Project, assignment: SettingAssignment, python: string): FileEdit | undefined {
  const config = currentConfig(invocation, project);
  const place = assignment.place;
  if (!config || !place || place.path !== config.path) return undefined;
  return { path: config.path, range: place.range, newText: python };
}

/** Replaces a flag's value (`-k sync` -> `-k gevent`), when the host file still holds it where the model says. */
export function flagValueEdit(project: Project, assignment: SettingAssignment, value: string): FileEdit | undefined {
  const place = assignment.place;
  if (!place || !assignment.flag) return undefined;
  const text = project.readFile(place.path);
  if (text === undefined) return undefined;
  const written = text.slice(place.range.start, place.range.end);
  // `-k=sync` style values or quoted words: only a bare word is replaced.
  if (!/^[\w.:#-]+$/.test(written)) return undefined;
  return { path: place.path, range: place.range, newText: value };
}
