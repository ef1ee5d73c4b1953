/**
 * supervisord programs that run gunicorn. supervisord starts `command=` (split by itself, no shell) in
 * `directory=` as `user=` with `environment=`, and stops it with `stopsignal=` (TERM), waiting `stopwaitsecs=`
 * (10 s by default) before SIGKILL.
 */
import { invocationOf } from '../commandline/site';
import { supervisordFacts, SUPERVISORD_DEFAULT_STOPWAITSECS, type SupervisordDocument } from '../formats/supervisord/index';
import type { HostInvocation, HostReader } from './hosts';
import type { Place, Sourced, Supervisor } from './model';

function isSupervisordDocument(value: unknown): value is SupervisordDocument {
  const doc = value as SupervisordDocument | undefined;
  return !!doc && typeof doc.text === 'string' && Array.isArray(doc.sections) && Array.isArray(doc.comments);
}

export const supervisordHostReader: HostReader = {
  name: 'supervisord',
  read(_project, files) {
    const hosts: HostInvocation[] = [];
    for (const file of files) {
      if (file.language !== 'ini' || !isSupervisordDocument(file.document)) continue;
      const facts = supervisordFacts(file.document);
      for (const program of facts.programs) {
        if (!program.gunicorn || !program.command) continue;
        const command: Place = { path: facts.path, range: program.command.entry.range };
        const sourced = (value: { value: string; range: { start: number; end: number } }): Sourced<string> => ({
          value: value.value,
          place: { path: facts.path, range: value.range },
        });
        const supervisor: Supervisor = {
          kind: 'supervisord',
          path: facts.path,
          name: program.name,
          command,
          stopTimeout: program.stopwaitsecs
            ? { seconds: program.stopwaitsecs.value, place: { path: facts.path, range: program.stopwaitsecs.range }, setting: 'stopwaitsecs' }
            : { seconds: SUPERVISORD_DEFAULT_STOPWAITSECS, setting: 'stopwaitsecs' },
        };
        if (program.user) supervisor.user = sourced(program.user);
        const environment = new Map<string, Sourced<string>>();
        for (const [name, value] of program.environment) environment.set(name, sourced(value));
        hosts.push({
          host: 'supervisord',
          hostPath: facts.path,
          command,
          commandLine: program.gunicorn.invocation,
          commandPath: facts.path,
          ...(program.cmdArgs ? { cmdArgs: { invocation: invocationOf(program.cmdArgs), path: facts.path } } : {}),
          environment,
          ...(program.directory && !program.directory.value.includes('%(') ? { workingDirectory: sourced(program.directory) } : {}),
          supervisor,
          socketUnits: [],
        });
      }
    }
    return { hosts };
  },
};
