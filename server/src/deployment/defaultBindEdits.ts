/**
 * The fix for gunicorn's default bind (127.0.0.1:8000) in a container reached from outside: `bind = "0.0.0.0:PORT"`
 * appended to the config the container loads, else `--bind 0.0.0.0:PORT` right after the `gunicorn` word of the
 * command (a plain command line, or an exec-form / flow list where it is a quoted item). A block-style YAML list or
 * a command the model no longer matches gets no fix.
 */
import type { Fix, FileEdit } from '../core/findings';
import { invocationOf } from './findings';
import { currentConfig } from './hookEdits';
import type { Invocation } from './model';
import type { DeploymentFinding, DeploymentFixContext } from './rule';

export function defaultBindFixes(finding: DeploymentFinding, bind: string, { model, project }: DeploymentFixContext): Fix[] {
  const invocation = invocationOf(model.invocations, finding.data);
  if (!invocation) return [];
  const edit = configEdit(invocation, project, bind) ?? commandEdit(invocation, project, bind);
  return edit ? [{ title: `Bind ${bind}`, safe: false, preferred: true, edits: [edit] }] : [];
}

function configEdit(invocation: Invocation, project: DeploymentFixContext['project'], bind: string): FileEdit | undefined {
  const config = currentConfig(invocation, project);
  if (!config) return undefined;
  const end = config.text.length;
  const newline = end === 0 || config.text.endsWith('\n') ? '' : '\n';
  return { path: config.path, range: { start: end, end }, newText: `${newline}bind = "${bind}"\n` };
}

function commandEdit(invocation: Invocation, project: DeploymentFixContext['project'], bind: string): FileEdit | undefined {
  const { path, range } = invocation.command;
  const text = project.readFile(path);
  if (text === undefined) return undefined;
  const command = text.slice(range.start, range.end);
  const word = /(^|[\s"'[,/])gunicorn(?![\w.-])/.exec(command);
  if (!word) return undefined;
  const after = range.start + word.index + word[0].length;
  const quote = text[after];
  if ((quote === '"' || quote === "'") && /^\s*,/.test(text.slice(after + 1, after + 16))) {
    return { path, range: { start: after + 1, end: after + 1 }, newText: `, ${quote}--bind${quote}, ${quote}${bind}${quote}` };
  }
  if (text[after] === ' ' || text[after] === '\t') return { path, range: { start: after, end: after }, newText: ` --bind ${bind}` };
  return undefined;
}
