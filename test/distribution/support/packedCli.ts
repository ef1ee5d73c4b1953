/**
 * The CLI's npm package as a user gets it: `npm pack` of packages/cli (its prepack stages the root build; here in a
 * copy of the folder), then the tarball installed into an empty folder with npm forbidden to use the network. Each
 * caller gets its own temporary folder and removes it.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../support/repo';

export const run = promisify(execFile);

/** npm told to stay offline (any fetch fails) and quiet; no user or global config can point it elsewhere. */
export function offlineNpmEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_userconfig: path.join(home, 'npmrc'),
    npm_config_cache: path.join(home, 'npm-cache'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
  };
}

export interface PackedCli {
  /** The temporary folder holding everything below; remove it with `remove()`. */
  folder: string;
  tarball: string;
  /** The empty project the tarball was installed into. */
  project: string;
  /** node_modules/.bin of that project, for PATH. */
  binFolder: string;
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/**
 * A copy of packages/cli (its manifest, README and staging script) in `folder`, so that tests running side by side
 * never stage into the same place, and the work tree is never written.
 */
function copyPackageFolder(folder: string): string {
  const copy = path.join(folder, 'cli');
  const source = path.join(repoRoot(), 'packages', 'cli');
  fs.mkdirSync(copy);
  for (const file of ['package.json', 'README.md', 'stage.mjs']) fs.copyFileSync(path.join(source, file), path.join(copy, file));
  return copy;
}

export async function packAndInstallOffline(): Promise<PackedCli> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-pack-'));
  const remove = () => fs.rmSync(folder, { recursive: true, force: true });
  try {
    const env = offlineNpmEnv(folder);
    const packDir = path.join(folder, 'pack');
    fs.mkdirSync(packDir);
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', packDir], {
      cwd: copyPackageFolder(folder),
      env: { ...env, GUNICORN_LINT_REPO_ROOT: repoRoot() },
    });
    const tarball = path.join(packDir, stdout.trim().split('\n').pop() ?? '');
    const project = path.join(folder, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env });
    return { folder, tarball, project, binFolder: path.join(project, 'node_modules', '.bin'), env, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
