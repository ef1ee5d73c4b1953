/**
 * Who may connect to a unix socket, as far as the files say. Connecting needs write permission on the socket
 * file. gunicorn creates it with mode 0777 minus its `umask` (default 0: anyone) and gives it to its `user` and
 * `group` (default: the process's, i.e. the unit's User=); a `.socket` unit creates it with SocketMode=
 * (default 0666) for SocketUser=/SocketGroup= (default root).
 */
import { settingOf } from './effective';
import type { BoundEndpoint, Invocation, Place } from './model';

export interface SocketAccess {
  mode: number;
  /** The owner's name; undefined when it cannot be told. */
  owner?: string;
  /** The line that sets the mode (umask or SocketMode=), when one does. */
  modePlace?: Place;
  ownerPlace?: Place;
}

/** gunicorn's auto_int: `0o27`, `0x1f`, `027` (a leading 0 means octal), `23`. */
export function parseUmask(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-f]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[0-7]+$/.test(text)) return parseInt(text.slice(1), 8);
  if (/^\d+$/.test(text)) return parseInt(text, 10);
  return undefined;
}

/** A user name as a comparable owner: `0` is root; other numeric ids cannot be matched to names. */
function ownerName(value: unknown): string | undefined {
  if (typeof value === 'number') return value === 0 ? 'root' : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  return text === '0' ? 'root' : /^\d+$/.test(text) ? undefined : text;
}

export function socketAccess(invocation: Invocation, bind: BoundEndpoint): SocketAccess | undefined {
  if (bind.endpoint.kind !== 'unix') return undefined;
  if (bind.via === 'systemd-socket') {
    const unit = invocation.socketUnits.find((u) => u.listen.some((l) => l.endpoint.key === bind.endpoint.key));
    if (!unit) return undefined;
    const mode = unit.socketMode ? parseUmask(`0${unit.socketMode.value.replace(/^0+/, '') || '0'}`) : 0o666;
    if (mode === undefined) return undefined;
    return { mode, owner: unit.socketUser ? ownerName(unit.socketUser.value) : 'root', modePlace: unit.socketMode?.place, ownerPlace: unit.socketUser?.place };
  }
  const umask = settingOf(invocation, 'umask');
  if (!umask.value.known) return undefined;
  const mask = parseUmask(umask.value.value);
  if (mask === undefined) return undefined;
  const user = settingOf(invocation, 'user');
  let owner: string | undefined;
  let ownerPlace = user.place;
  if (user.source !== 'default') owner = user.value.known ? ownerName(user.value.value) : undefined;
  else if (invocation.supervisor?.kind === 'systemd') {
    // No gunicorn `user`: the socket belongs to whoever runs gunicorn, the unit's User= (root without one).
    owner = invocation.supervisor.user ? ownerName(invocation.supervisor.user.value) : 'root';
    ownerPlace = invocation.supervisor.user?.place;
  }
  return { mode: 0o777 & ~mask, owner, modePlace: umask.place, ownerPlace };
}

/**
 * false only when `user` certainly cannot write to the socket: no write bit for others, none for the group
 * (whose members the files do not list), and the owner is known to be someone else or lacks the bit too.
 */
export function mayConnect(access: SocketAccess, user: string): boolean | undefined {
  if (user === 'root') return true;
  if (access.mode & 0o002) return true;
  if (access.mode & 0o020) return undefined;
  if (access.mode & 0o200) {
    if (access.owner === undefined) return undefined;
    if (access.owner === user) return true;
  }
  return false;
}

export function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
