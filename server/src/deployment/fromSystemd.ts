/**
 * What systemd units add to the model: the gunicorn a service runs (its command line, environment, working
 * directory, how it is stopped and reloaded) and the sockets `.socket` units hand over.
 */
import { unitFacts, type UnitFacts, type ValueFact } from '../formats/systemd/facts';
import type { UnitDocument } from '../formats/systemd/document';
import type { HostInvocation, HostReader } from './hosts';
import { listenStreamEndpoint } from './addresses';
import type { Place, SocketUnit, Sourced, Supervisor } from './model';

/** systemd's DefaultTimeoutStopSec. */
export const SYSTEMD_DEFAULT_STOP_TIMEOUT = 90;

export function sourcedOf(fact: ValueFact<string>): Sourced<string> {
  return { value: fact.value, place: { path: fact.path, range: fact.entry.valueRange } };
}

export function socketUnitOf(facts: UnitFacts): SocketUnit {
  const unit: SocketUnit = { path: facts.path, name: facts.unitName, listen: [] };
  for (const listen of facts.listenStreams) {
    const endpoint = listenStreamEndpoint(listen.value);
    if (endpoint) unit.listen.push({ endpoint, place: { path: listen.path, range: listen.range }, via: 'systemd-socket' });
  }
  if (facts.socketUser) unit.socketUser = sourcedOf(facts.socketUser);
  if (facts.socketGroup) unit.socketGroup = sourcedOf(facts.socketGroup);
  if (facts.socketMode) unit.socketMode = sourcedOf(facts.socketMode);
  return unit;
}

/** `kill -HUP $MAINPID`, `kill -s HUP ...`, `/bin/kill -1 ...`: a reload that signals the master. */
function reloadsWithHup(value: string): boolean {
  return /\bkill\b/.test(value) && /(-s\s*(SIG)?HUP\b|-(SIG)?HUP\b|-1\b|--signal[= ](SIG)?HUP\b)/.test(value);
}

export function supervisorOf(facts: UnitFacts, command: Place): Supervisor {
  const supervisor: Supervisor = { kind: 'systemd', path: facts.path, name: facts.unitName, command };
  if (facts.type) supervisor.serviceType = sourcedOf(facts.type);
  const stop = facts.stopTimeoutSec;
  supervisor.stopTimeout = stop
    ? { seconds: stop.value, place: { path: stop.path, range: stop.entry.valueRange }, setting: stop.entry.key }
    : { seconds: SYSTEMD_DEFAULT_STOP_TIMEOUT, setting: 'TimeoutStopSec' };
  const reload = facts.execReload.find((fact) => reloadsWithHup(fact.value));
  if (reload) supervisor.reloadsWithHup = { path: reload.path, range: reload.entry.valueRange };
  if (facts.privateTmp?.value) supervisor.privateTmp = { path: facts.privateTmp.path, range: facts.privateTmp.entry.valueRange };
  supervisor.runtimeDirectories = facts.runtimeDirectories.map(sourcedOf);
  if (facts.limitNofile) supervisor.limitNofile = sourcedOf(facts.limitNofile);
  if (facts.user) supervisor.user = sourcedOf(facts.user);
  if (facts.group) supervisor.group = sourcedOf(facts.group);
  return supervisor;
}

/** The socket units a service is handed: `Sockets=` names, else the `.socket` unit of the same name. */
export function socketUnitsFor(facts: UnitFacts, sockets: ReadonlyMap<string, SocketUnit>): SocketUnit[] {
  const named = facts.sockets.map((fact) => fact.value);
  const base = facts.unitName?.replace(/\.service$/, '');
  const names = named.length > 0 ? named : base ? [`${base}.socket`] : [];
  return names.flatMap((name) => {
    const unit = sockets.get(name);
    return unit ? [unit] : [];
  });
}

function isUnitDocument(value: unknown): value is UnitDocument {
  const doc = value as UnitDocument | undefined;
  return !!doc && Array.isArray(doc.entries) && Array.isArray(doc.sections) && typeof doc.text === 'string';
}

/** Services that run gunicorn, with the socket units that hand them their sockets. */
export const systemdHostReader: HostReader = {
  name: 'systemd',
  read(project, files) {
    const units: UnitFacts[] = [];
    for (const file of files) {
      if (file.language === 'systemd-unit-file' && isUnitDocument(file.document) && !file.document.dropIn) units.push(unitFacts(file.document, project));
    }
    const sockets = new Map<string, SocketUnit>();
    const socketUnits: SocketUnit[] = [];
    for (const unit of units) {
      if (unit.unitType !== 'socket') continue;
      const socket = socketUnitOf(unit);
      socketUnits.push(socket);
      if (unit.unitName) sockets.set(unit.unitName, socket);
    }
    const hosts: HostInvocation[] = [];
    for (const unit of units) {
      const gunicorn = unit.gunicorn;
      if (unit.unitType !== 'service' || !gunicorn) continue;
      const command: Place = { path: gunicorn.path, range: gunicorn.entry.range };
      const environment = new Map<string, Sourced<string>>();
      for (const [name, fact] of unit.environment) environment.set(name, sourcedOf(fact));
      hosts.push({
        host: 'systemd',
        hostPath: unit.path,
        command,
        commandLine: gunicorn.invocation,
        commandPath: gunicorn.path,
        cmdArgs: unit.gunicornCmdArgs,
        environment,
        workingDirectory: unit.workingDirectory ? sourcedOf(unit.workingDirectory) : undefined,
        supervisor: supervisorOf(unit, command),
        socketUnits: socketUnitsFor(unit, sockets),
      });
    }
    return { hosts, socketUnits };
  },
};
