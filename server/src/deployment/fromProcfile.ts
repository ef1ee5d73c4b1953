/**
 * Procfile processes that run gunicorn. The platform (Heroku, Dokku, honcho) runs them from the Procfile's folder
 * and stops them with SIGTERM; how long it waits differs by platform, so no stop timeout is assumed.
 */
import * as path from 'node:path';
import { procfileFacts, type ProcfileDocument } from '../formats/procfile/index';
import type { HostInvocation, HostReader } from './hosts';
import type { Place } from './model';

function isProcfileDocument(value: unknown): value is ProcfileDocument {
  const doc = value as ProcfileDocument | undefined;
  return !!doc && typeof doc.path === 'string' && Array.isArray(doc.processes);
}

export const procfileHostReader: HostReader = {
  name: 'procfile',
  read(_project, files) {
    const hosts: HostInvocation[] = [];
    for (const file of files) {
      if (file.language !== 'procfile' || !isProcfileDocument(file.document)) continue;
      const procfile = procfileFacts(file.document);
      for (const process of procfile.processes) {
        if (!process.gunicorn) continue;
        const command: Place = { path: procfile.path, range: process.commandRange };
        hosts.push({
          host: 'procfile',
          hostPath: procfile.path,
          command,
          commandLine: process.gunicorn.invocation,
          environment: new Map(),
          workingFolder: path.dirname(procfile.path),
          supervisor: { kind: 'heroku', path: procfile.path, name: process.name, command },
          socketUnits: [],
        });
      }
    }
    return { hosts };
  },
};
