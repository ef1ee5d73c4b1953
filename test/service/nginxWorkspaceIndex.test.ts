/**
 * The nginx workspace index and the project's stat and folder caches are kept per project revision (issue 12): a
 * change the service hears of (an edit, a disk change) must reach every verdict that read the old state, and a
 * fragment that appears must be seen. Real folders, so the disk's modification times and links are exercised.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LanguageService } from '../../server/src/service/languageService';
import { WorkspaceProject } from '../../server/src/service/project';
import { MemoryFileSystem } from '../support/memoryFileSystem';

async function workspace(files: Record<string, string>): Promise<{ dir: string; service: LanguageService; write: (name: string, text: string) => string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-nginx-index-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { dir, service: await LanguageService.create({ root: dir }), write };
}

const codes = (service: LanguageService, file: string) => service.diagnostics(file).map((d) => String(d.code));

const MAIN = (body: string) => `events {}\nhttp {\n${body}\n}\n`;
const SITE = 'server {\n    listen 8080;\n    location / {\n        proxy_pass http://app;\n    }\n}\n';

test('a change of an included file on disk changes the verdict of its includer', async () => {
  const { dir, service, write } = await workspace({
    'nginx.conf': MAIN(
      '    include conf.d/*.conf;\n    server {\n        listen 80;\n        location / {\n            proxy_pass http://app;\n        }\n    }',
    ),
    'conf.d/upstreams.conf': 'upstream app {\n    server 127.0.0.1:8000;\n}\n',
  });
  try {
    const main = path.join(dir, 'nginx.conf');
    assert.ok(!codes(service, main).includes('nginx/upstream-undefined'));
    const fragment = write('conf.d/upstreams.conf', 'upstream other {\n    server 127.0.0.1:8000;\n}\n');
    service.filesChanged([fragment]);
    assert.ok(codes(service, main).includes('nginx/upstream-undefined'), 'the upstream the includer names is gone');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an edit of the includer changes the context, and so the verdict, of its fragment', async () => {
  const { dir, service } = await workspace({
    'nginx/nginx.conf': MAIN('    include snippets/listen.conf;'),
    'nginx/snippets/listen.conf': 'listen 8080;\n',
  });
  try {
    const main = path.join(dir, 'nginx/nginx.conf');
    const fragment = path.join(dir, 'nginx/snippets/listen.conf');
    assert.ok(codes(service, fragment).includes('nginx/directive-not-allowed'), 'listen is not allowed at http level');
    service.openDocument(main, MAIN('    server {\n        include snippets/listen.conf;\n    }'), 1);
    assert.deepEqual(
      codes(service, fragment).filter((code) => code === 'nginx/directive-not-allowed'),
      [],
      'included in a server now',
    );
    service.changeDocument(main, MAIN('    include snippets/listen.conf;'), 2);
    assert.ok(codes(service, fragment).includes('nginx/directive-not-allowed'), 'back at http level');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a new fragment matched by an include glob is seen once the disk change is reported', async () => {
  const { dir, service, write } = await workspace({
    'nginx.conf': MAIN('    include conf.d/*.conf;'),
    'conf.d/site.conf': SITE,
  });
  try {
    const site = path.join(dir, 'conf.d/site.conf');
    assert.ok(codes(service, site).includes('nginx/upstream-undefined'));
    const added = write('conf.d/upstreams.conf', 'upstream app {\n    server 127.0.0.1:8000;\n}\n');
    service.filesChanged([added]);
    assert.ok(!codes(service, site).includes('nginx/upstream-undefined'), 'the new fragment defines the upstream');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an include that did not resolve resolves once its file appears (stat and folder caches renewed)', async () => {
  const { dir, service, write } = await workspace({ 'nginx/nginx.conf': MAIN('    include extra/app.conf;') });
  try {
    const main = path.join(dir, 'nginx/nginx.conf');
    assert.ok(codes(service, main).includes('nginx/include-not-found'));
    service.filesChanged([write('nginx/extra/app.conf', SITE.replace('http://app', 'http://127.0.0.1:8000'))]);
    assert.ok(!codes(service, main).includes('nginx/include-not-found'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every fragment of a glob beyond the old 256-match bound takes its context from the includer', async () => {
  const files: Record<string, string> = { 'nginx/nginx.conf': MAIN('    server {\n        listen 80;\n        include locations/*.conf;\n    }') };
  // A bare `if` block guesses as a server's; where the includer puts it (a server) it is fine either way, while a
  // `limit_except` is only allowed in a location: wrong where this includer puts it, whatever a guess says.
  for (let i = 0; i < 300; i++) files[`nginx/locations/l${String(i).padStart(3, '0')}.conf`] = 'limit_except GET {\n    deny all;\n}\n';
  const { dir, service } = await workspace(files);
  try {
    const last = path.join(dir, 'nginx/locations/l299.conf');
    assert.ok(codes(service, last).includes('nginx/directive-not-allowed'), 'the 300th fragment sits in a server, as its includer says');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an upstream's keepalive is judged by the locations of its own main config, not another site's", async () => {
  const main = MAIN('    upstream app {\n        server 127.0.0.1:8000;\n        keepalive 8;\n    }\n    include conf.d/*.conf;');
  const good =
    'server {\n    listen 80;\n    location / {\n        proxy_pass http://app;\n        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n    }\n}\n';
  const bad = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://app;\n    }\n}\n';
  const { dir, service, write } = await workspace({
    'a/nginx.conf': main,
    'a/conf.d/site.conf': good,
    'b/nginx.conf': main,
    'b/conf.d/site.conf': bad,
  });
  try {
    assert.ok(!codes(service, path.join(dir, 'a/nginx.conf')).includes('nginx/upstream-keepalive'), "b's location does not use a's upstream");
    assert.ok(codes(service, path.join(dir, 'b/nginx.conf')).includes('nginx/upstream-keepalive'));
    // The same location moved into a's tree now concerns a's upstream.
    service.filesChanged([write('a/conf.d/other.conf', bad)]);
    assert.ok(codes(service, path.join(dir, 'a/nginx.conf')).includes('nginx/upstream-keepalive'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a site no main config includes still counts for every main config's upstream keepalive", async () => {
  // Debian's layout: nginx.conf includes /etc/nginx/sites-enabled/*, a folder the repository does not hold.
  const { dir, service } = await workspace({
    'nginx/nginx.conf': MAIN('    upstream app {\n        server 127.0.0.1:8000;\n        keepalive 8;\n    }\n    include /etc/nginx/sites-enabled/*;'),
    'nginx/sites-available/app': 'server {\n    listen 80;\n    location / {\n        proxy_pass http://app;\n    }\n}\n',
  });
  try {
    assert.ok(codes(service, path.join(dir, 'nginx/nginx.conf')).includes('nginx/upstream-keepalive'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an edit of an open fragment asks the disk nothing again: stats and listings outlive edits', async () => {
  const files: Record<string, string> = { '/w/nginx.conf': MAIN('    upstream app {\n        server 127.0.0.1:8000;\n    }\n    include conf.d/*.conf;') };
  for (let i = 0; i < 40; i++) files[`/w/conf.d/site${i}.conf`] = SITE.replace('8080', String(8100 + i));
  const fs = new MemoryFileSystem(files);
  let stats = 0;
  let listings = 0;
  const stat = fs.stat.bind(fs);
  const readDirectory = fs.readDirectory.bind(fs);
  fs.stat = (file) => (stats++, stat(file));
  fs.readDirectory = (dir) => (listings++, readDirectory(dir));
  const service = await LanguageService.create({ root: '/w', fs });
  const fragment = '/w/conf.d/site7.conf';
  service.openDocument(fragment, files[fragment], 1);
  assert.ok(!codes(service, fragment).includes('nginx/upstream-undefined'));
  const before = { stats, listings };
  service.changeDocument(fragment, files[fragment].replace('proxy_pass http://app;', 'proxy_pass http://other;'), 2);
  assert.ok(codes(service, fragment).includes('nginx/upstream-undefined'), 'the edit is checked');
  assert.deepEqual({ stats, listings }, before, 'and nothing on disk was asked again');
  // A reported disk change renews them.
  fs.write('/w/conf.d/extra.conf', 'upstream other {\n    server 127.0.0.1:8001;\n}\n');
  service.filesChanged(['/w/conf.d/extra.conf']);
  assert.ok(!codes(service, fragment).includes('nginx/upstream-undefined'), 'the reported new file is seen');
  assert.ok(stats > before.stats && listings > before.listings);
});

test('a disk change nobody reported is seen at the first edit after the disk answers stop being trusted', async () => {
  const trusted = WorkspaceProject.diskAnswersTrustedMs;
  WorkspaceProject.diskAnswersTrustedMs = 40;
  try {
    const main = MAIN('    include extra/app.conf;');
    const fs = new MemoryFileSystem({ '/w/nginx/nginx.conf': main });
    const service = await LanguageService.create({ root: '/w', fs });
    const file = '/w/nginx/nginx.conf';
    service.openDocument(file, main, 1);
    assert.ok(codes(service, file).includes('nginx/include-not-found'));
    fs.write('/w/nginx/extra/app.conf', SITE.replace('http://app', 'http://127.0.0.1:8000'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    service.changeDocument(file, `${main}# edited\n`, 2);
    assert.ok(!codes(service, file).includes('nginx/include-not-found'), 'the file that appeared unreported is found');
  } finally {
    WorkspaceProject.diskAnswersTrustedMs = trusted;
  }
});
