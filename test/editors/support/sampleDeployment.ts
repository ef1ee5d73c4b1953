/**
 * A small deployment for the editor tests, written into a fresh temp folder: a git-like project root (a `.git`
 * folder is all the recipes look for) holding a gunicorn config, an nginx site and a systemd unit, each with one
 * known finding, plus a plain Python module that no recipe may take from the user's Python server. The names are
 * ones an editor does not recognise by itself (an nginx site outside /etc/nginx, a unit outside a systemd/ folder),
 * so the recipes' own file-type rules are exercised.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type SampleLabel = 'gunicorn' | 'nginx' | 'systemd' | 'app';

export interface SampleDeployment {
  /** The temp folder (remove it with removeSample). */
  dir: string;
  /** The project root the servers should get: the folder holding `.git`. */
  root: string;
  files: Record<SampleLabel, string>;
}

/** The finding each file's text carries (the codes the CLI reports for these files). */
export const EXPECTED_CODES: Record<Exclude<SampleLabel, 'app'>, string> = {
  gunicorn: 'gunicorn/unknown-setting',
  nginx: 'nginx/proxy-headers',
  systemd: 'systemd/unknown-directive',
};

const TEXTS: Record<SampleLabel, [relative: string, text: string]> = {
  gunicorn: ['deploy/gunicorn.conf.py', 'bind = "127.0.0.1:8000"\nworkers = 2\ntimout = 30\n'],
  nginx: [
    'deploy/sites-available/app.conf',
    'server {\n    listen 80;\n    server_name example.com;\n\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n',
  ],
  systemd: [
    'deploy/app.service',
    '[Unit]\nDescription=app\nAfter=network.target\n\n[Service]\nUser=www-data\nWorkingDirectory=/srv/app\n' +
      'ExecStart=/srv/app/venv/bin/gunicorn -c /srv/app/deploy/gunicorn.conf.py app:app\nRestrat=always\n\n' +
      '[Install]\nWantedBy=multi-user.target\n',
  ],
  app: ['app.py', 'def app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n'],
};

export function writeSample(): SampleDeployment {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-editors-'));
  const root = path.join(dir, 'project');
  fs.mkdirSync(path.join(root, '.git'), { recursive: true });
  const files = {} as Record<SampleLabel, string>;
  for (const [label, [relative, text]] of Object.entries(TEXTS) as [SampleLabel, [string, string]][]) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files[label] = file;
  }
  return { dir, root, files };
}

export function removeSample(sample: SampleDeployment): void {
  fs.rmSync(sample.dir, { recursive: true, force: true });
}
