/**
 * container/shell-form-cmd: the image's `CMD` (or `ENTRYPOINT`) runs gunicorn in shell form. Docker runs a shell-form
 * command as `/bin/sh -c "..."`, so the shell is PID 1: `docker stop` sends SIGTERM to the shell, which does not
 * pass it on; gunicorn never starts its graceful shutdown and is killed when the stop timeout ends, cutting off
 * every request in flight. The fix writes the command in exec form (a JSON array); where the line needs the shell
 * (`$PORT`, `${WEB_CONCURRENCY:-2}`, `&&`), it puts `exec` in front of gunicorn instead, so the shell still expands
 * the variables and then hands PID 1 to gunicorn.
 */
import type { AnalysisContext } from '../../../core/format';
import type { Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { mentionsVariable } from '../../../commandline/words';
import type { DockerfileDocument } from '../document';
import { finalImage } from '../image';

const RULE_ID = 'container/shell-form-cmd';

interface FixData {
  /** Exec form: the arguments' range and the JSON array. */
  json?: { start: number; end: number; text: string };
  /** Prefix `exec ` at this offset. */
  execAt?: number;
}

export const shellFormCmd: Rule<AnalysisContext<DockerfileDocument>> = {
  id: RULE_ID,
  severity: 'warning',
  summary: '`CMD gunicorn …` in shell form: `/bin/sh` is PID 1 and SIGTERM never reaches gunicorn.',
  check({ document }) {
    const image = finalImage(document);
    const start = image?.start;
    if (!image || !start || start.pid1 !== 'shell' || start.init) return [];
    const main = image.entrypoint ?? image.cmd;
    if (!main || main.form !== 'shell') return [];
    const instruction = main.instruction;
    const { text } = document;
    const args = text.slice(instruction.argsRange.start, instruction.argsRange.end);
    const lead = args.length - args.trimStart().length;
    const range = { start: instruction.argsRange.start + lead, end: instruction.argsRange.start + args.trimEnd().length };
    let data: FixData | undefined;
    const words = start.words;
    if (words && words.length > 0 && main.exact) {
      const allWords = main.words;
      const wholeLine = allWords.length === words.length && allWords[0].range.start === words[0].range.start;
      const needsShell = mentionsVariable(args) || !wholeLine || /[|&;<>(){}*?~]/.test(main.line ?? args);
      data = needsShell
        ? { execAt: words[0].range.start }
        : { json: { ...range, text: JSON.stringify(words.map((word) => word.text)).replace(/","/g, '", "') } };
    }
    return [
      {
        rule: RULE_ID,
        range,
        message:
          `${instruction.keyword} in shell form runs \`/bin/sh -c\`, so the shell is PID 1 and gunicorn its child: \`docker stop\` sends SIGTERM to the shell, ` +
          'which does not pass it on, and gunicorn is killed when the stop timeout ends instead of finishing its requests. ' +
          (data?.execAt !== undefined ? 'Put `exec` in front of gunicorn so it replaces the shell.' : 'Write it in exec form (a JSON array).'),
        ...(data ? { data } : {}),
      },
    ];
  },
  fixes(finding, { document }): Fix[] {
    const data = finding.data as FixData | undefined;
    if (data?.json && document.text.slice(data.json.start, data.json.end).length === data.json.end - data.json.start) {
      return [
        {
          title: 'Rewrite in exec form',
          safe: true,
          preferred: true,
          edits: [{ range: { start: data.json.start, end: data.json.end }, newText: data.json.text }],
        },
      ];
    }
    if (typeof data?.execAt === 'number') {
      return [
        { title: 'Run gunicorn with `exec`', safe: true, preferred: true, edits: [{ range: { start: data.execAt, end: data.execAt }, newText: 'exec ' }] },
      ];
    }
    return [];
  },
};
