/** The sections of the unit types we read, with our one-line descriptions. */
import type { SectionInfo } from './types';

const MAN = 'https://www.freedesktop.org/software/systemd/man/latest/';

export const SECTIONS: readonly SectionInfo[] = [
  {
    name: 'Unit',
    unitTypes: ['service', 'socket', 'target', 'timer', 'path', 'mount', 'slice'],
    summary: 'Generic facts about the unit: its description, documentation, and how it depends on and orders against other units.',
    url: `${MAN}systemd.unit.html#%5BUnit%5D%20Section%20Options`,
  },
  {
    name: 'Install',
    unitTypes: ['service', 'socket', 'target', 'timer', 'path', 'mount', 'slice'],
    summary: 'Read only by `systemctl enable`/`disable`: which targets pull the unit in when it is enabled, and its aliases.',
    url: `${MAN}systemd.unit.html#%5BInstall%5D%20Section%20Options`,
  },
  {
    name: 'Service',
    unitTypes: ['service'],
    summary: 'How the service process is started, reloaded, stopped and restarted, and the environment, user and sandbox it runs in.',
    url: `${MAN}systemd.service.html#Options`,
  },
  {
    name: 'Socket',
    unitTypes: ['socket'],
    summary: 'The sockets systemd opens and listens on for the service it activates (socket activation), with their owner and mode.',
    url: `${MAN}systemd.socket.html#Options`,
  },
  {
    name: 'Timer',
    unitTypes: ['timer'],
    summary: 'When a timer fires and which unit it starts.',
    url: `${MAN}systemd.timer.html#Options`,
  },
];

/** The unit type of a file name (`app@.service` -> service), or undefined for other names. */
export function unitTypeOf(fileName: string): string | undefined {
  const match = /\.(service|socket|target|timer|path|mount|slice)$/.exec(fileName);
  return match?.[1];
}

export function sectionsFor(unitType: string | undefined): SectionInfo[] {
  if (!unitType) return [...SECTIONS];
  return SECTIONS.filter((s) => s.unitTypes.includes(unitType));
}

export function findSection(name: string): SectionInfo | undefined {
  return SECTIONS.find((s) => s.name === name);
}
