/** What is PID 1 when a container's own command (compose, Kubernetes) runs gunicorn. */
import type { ContainerGunicorn } from '../commandline/containerCommand';
import type { ContainerFacts, Place } from './model';

const SHELL = /^(\/(usr\/)?bin\/)?(ba|da|z|a|k)?sh$/;

/**
 * A wrapper in front of gunicorn is a shell or a script; `sh -c` without `exec` keeps the shell as PID 1; otherwise
 * gunicorn itself is PID 1.
 */
export function commandPid1(gunicorn: ContainerGunicorn<string>, place: (range: Place['range']) => Place): ContainerFacts['pid1'] {
  const wrapper = gunicorn.wrapper;
  const value = wrapper ? (SHELL.test(wrapper.program) ? 'shell' : 'script') : gunicorn.viaShell && !gunicorn.exec ? 'shell' : 'gunicorn';
  return { value, place: place(wrapper?.range ?? gunicorn.range) };
}
