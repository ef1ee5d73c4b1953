/**
 * nginx hover titles show the syntax nginx.org documents (`proxy_pass URL;`, `upstream name { ... }`), for the
 * directive of the block the cursor is in, and version facts that are true: which of our tables (1.22.1, newest)
 * hold the directive and the release nginx.org says added it; never "1.22 and newer".
 */
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { nginxFormat } from '../../server/src/formats/nginx';
import { allEntries } from '../../server/src/knowledge/nginx/directives';
import { syntaxFor } from '../../server/src/knowledge/nginx/syntax';
import { folderProject } from './project';

const ROOT = path.join(os.tmpdir(), 'gunicorn-lint-nginx-hover-none');

/** The hover markdown on the first occurrence of `word` in `text` (one character in). */
function hoverOn(text: string, word: string, version?: string): string {
  const file = path.join(ROOT, 'nginx.conf');
  const project = folderProject(ROOT, version ? { nginxVersion: version } : {});
  const hover = nginxFormat.hover!({ path: file, text, document: nginxFormat.parse(text, file), project }, text.indexOf(word) + 1);
  assert.ok(hover, `a hover on ${word}`);
  return hover.markdown;
}

/** The lines of the hover's nginx code block. */
function title(markdown: string): string[] {
  const match = /^```nginx\n([\s\S]*?)\n```/.exec(markdown);
  assert.ok(match, markdown);
  return match[1].split('\n');
}

const SITE = `http {
  upstream app {
    server unix:/run/app/gunicorn.sock fail_timeout=0;
    keepalive 8;
    keepalive_timeout 30s;
  }
  server {
    listen 80;
    keepalive_timeout 10s;
    location / {
      proxy_pass http://app;
      return 301 https://example.com/;
    }
  }
}
stream {
  server {
    listen 5432;
    proxy_pass 10.0.0.2:5432;
  }
}
`;

test('titles are the documented syntax, for the block the directive is in', () => {
  assert.deepEqual(title(hoverOn(SITE, 'upstream')), ['upstream name { ... }']);
  assert.deepEqual(title(hoverOn(SITE, 'proxy_pass http')), ['proxy_pass URL;']);
  assert.deepEqual(title(hoverOn(SITE, 'proxy_pass 10')), ['proxy_pass address;']);
  assert.deepEqual(title(hoverOn(SITE, 'return')), ['return code [text];', 'return code URL;', 'return URL;']);
  assert.deepEqual(title(hoverOn(SITE, 'server unix')), ['server address [parameters];']);
  assert.deepEqual(title(hoverOn(SITE, 'server {\n    listen 80')), ['server { ... }']);
  assert.deepEqual(title(hoverOn(SITE, 'location')), ['location [= | ~ | ~* | ^~] uri { ... }', 'location @name { ... }']);
  // Two directives of one name in two modules: upstream's keepalive_timeout and the client one.
  assert.deepEqual(title(hoverOn(SITE, 'keepalive_timeout 30s')), ['keepalive_timeout timeout;']);
  assert.deepEqual(title(hoverOn(SITE, 'keepalive_timeout 10s')), ['keepalive_timeout timeout [header_timeout];']);
  for (const word of ['upstream', 'proxy_pass', 'return', 'server', 'location', 'keepalive']) {
    assert.doesNotMatch(hoverOn(SITE, word), /value\d/, word);
  }
});

test('version facts: both tables, the release that added it, never "and newer"', () => {
  const proxyPass = hoverOn(SITE, 'proxy_pass http');
  assert.match(proxyPass, /\*\*Versions:\*\* in nginx 1\.22\.1 and 1\.31\s*$/m);
  // keepalive appeared in 1.1.4 (nginx.org), long before the oldest table we hold.
  assert.match(hoverOn(SITE, 'keepalive 8'), /\*\*Versions:\*\* in nginx 1\.22\.1 and 1\.31; added in 1\.1\.4/);
  for (const word of ['upstream', 'proxy_pass', 'keepalive', 'listen']) assert.doesNotMatch(hoverOn(SITE, word), /and newer|after 1\.22|up to 1\.22/, word);
});

test('a directive only the newest table has says so', () => {
  const rows = allEntries();
  const newest = rows.find(
    (entry) =>
      entry.contexts.includes('http') && !entry.block && !rows.some((other) => other.name === entry.name && other.module === entry.module && other.inOld),
  );
  assert.ok(newest, 'the newest table has a directive 1.22.1 lacks');
  const markdown = hoverOn(`http {\n  ${newest.name} x;\n}\n`, newest.name);
  assert.match(markdown, /\*\*Versions:\*\* in nginx 1\.31, not in 1\.22\.1/);
  const appeared = syntaxFor(newest)?.appearedIn;
  if (appeared) assert.match(markdown, new RegExp(`added in ${appeared.replace(/\./g, '\\.')}`));
});

test('almost every directive of our tables has a documented syntax; the rest get named placeholders', () => {
  const missing = allEntries().filter((entry) => !syntaxFor(entry));
  assert.ok(missing.length < 40, `${missing.length} without syntax: ${missing.map((e) => e.name).join(' ')}`);
  // gzip_window (undocumented on nginx.org) still gets a title without `value1`.
  const markdown = hoverOn('http {\n  gzip_window 32k;\n}\n', 'gzip_window');
  assert.deepEqual(title(markdown), ['gzip_window size;']);
});
