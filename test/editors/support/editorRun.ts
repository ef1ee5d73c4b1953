/** Finding and running the real editors headless; a missing editor skips (or, under CI's oracle rule, fails). */
import { spawn, spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';
import { skipMissingOracle } from '../../support/oracles';

/** The program's path on PATH, or undefined. */
export function findProgram(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : undefined;
}

/** The program's path, or undefined after skipping the test (failing it under GUNICORN_LINT_REQUIRE_ORACLES=1). */
export function requireEditor(t: TestContext, name: string, install: string): string | undefined {
  const found = findProgram(name);
  if (!found) skipMissingOracle(t, `${name} is not installed (${install})`);
  return found;
}

export interface EditorRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The last line of stdout parsed as JSON (the check scripts print one). */
  report: unknown;
}

/**
 * Runs the editor in its own process group and kills the whole group after `timeoutMs`, so a hung editor or a
 * language server it started never outlives the test.
 */
export function runEditor(program: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<EditorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      // Whatever the editor left in its group (a server it failed to stop) goes too.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // nothing left
        }
      }
      const lines = stdout.trim().split('\n');
      let report: unknown;
      try {
        report = JSON.parse(lines[lines.length - 1] ?? '') as unknown;
      } catch {
        report = undefined;
      }
      resolve({ status, stdout, stderr, report });
    });
  });
}

/** A description of a failed run for an assertion message. */
export function describeRun(run: EditorRun): string {
  return `exit ${String(run.status)}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-2000)}`;
}
