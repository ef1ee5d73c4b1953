/**
 * How `--fix` touches the disk: each file written whole or not at all (a temporary file beside it, then a rename),
 * through links to the file they name, and one run at a time per workspace (a lock file in its root), so runs at
 * once cannot interleave their reads and writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const LOCK_NAME = '.gunicorn-lint.lock';
const LOCK_WAIT_MS = 60_000;
const LOCK_POLL_MS = 25;

/**
 * Writes a file atomically: a reader sees the old text or the new, never half of one. A link is followed (Debian's
 * `sites-enabled/app -> ../sites-available/app` stays a link); the file keeps its permissions.
 */
export function writeFileAtomically(file: string, text: string): void {
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch {
    // a new file: written where named
  }
  let mode: number | undefined;
  try {
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.gunicorn-lint-${process.pid}.tmp`);
  try {
    const fd = fs.openSync(temporary, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (mode !== undefined) fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

export interface WorkspaceLock {
  release(): void;
}

/**
 * Takes the workspace's lock (`.gunicorn-lint.lock` in its root, holding our pid), waiting while another live run
 * holds it; a lock left by a process that is gone is taken over. When the root cannot hold a lock file (read-only),
 * the run goes on unlocked: it could not write fixes there anyway.
 */
export async function lockWorkspace(root: string): Promise<WorkspaceLock> {
  const lockFile = path.join(root, LOCK_NAME);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try {
          if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.rmSync(lockFile, { force: true });
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') return { release: () => undefined };
    }
    if (holderIsGone(lockFile)) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another gunicorn-lint --fix holds ${lockFile}; remove it if no run is going on`);
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

function holderIsGone(lockFile: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
  } catch {
    return false; // just released, or being written: try again
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    // Written but not yet filled, or garbage: give the writer a moment, then treat it as stale.
    try {
      return Date.now() - fs.statSync(lockFile).mtimeMs > 2_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
