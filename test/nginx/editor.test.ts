/**
 * Editor features over small inline nginx documents: hover, completion, outline, go to definition, folding and
 * document links. A `<|>` in a document marks the cursor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AnalysisContext, CompletionResult, Project } from '../../server/src/core/format';
import { LineIndex } from '../../server/src/core/text';
import { nginxFormat, type NginxDocument } from '../../server/src/formats/nginx';
import { folderProject } from './project';

const CARET = '<|>';

/** Removes the `<|>` marker and says where it was. */
function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CARET);
  assert.ok(offset >= 0, 'the document has no <|> caret');
  assert.equal(marked.indexOf(CARET, offset + 1), -1, 'the document has two carets');
  return { text: marked.slice(0, offset) + marked.slice(offset + CARET.length), offset };
}

const EMPTY_ROOT = path.join(os.tmpdir(), 'gunicorn-lint-nginx-editor-none');

function contextFor(text: string, file = path.join(EMPTY_ROOT, 'nginx.conf'), project: Project = folderProject(EMPTY_ROOT)): AnalysisContext<NginxDocument> {
  return { path: file, text, document: nginxFormat.parse(text, file), project };
}

function hoverAt(marked: string) {
  const { text, offset } = caret(marked);
  return nginxFormat.hover!(contextFor(text), offset);
}

function completeAt(marked: string): CompletionResult[] {
  const { text, offset } = caret(marked);
  return nginxFormat.complete!(contextFor(text), offset);
}

const labels = (items: CompletionResult[]) => items.map((i) => i.label);

test('hover on a directive shows its summary, syntax, default and contexts', () => {
  const hover = hoverAt('http {\n  server {\n    location / {\n      proxy_re<|>ad_timeout 60s;\n    }\n  }\n}\n');
  assert.ok(hover, 'a hover on the directive name');
  const markdown = hover.markdown;
  assert.match(markdown, /```nginx\nproxy_read_timeout time;\n```/, "nginx.org's syntax");
  assert.match(markdown, /\*\*Default:\*\* `60s`/);
  assert.match(markdown, /\*\*Context:\*\* .*http\.location/);
  assert.match(markdown, /nginx\.org\/en\/docs\/http\/ngx_http_proxy_module\.html#proxy_read_timeout/);
  // The range is the name token.
  const { text } = caret('http {\n  server {\n    location / {\n      proxy_re<|>ad_timeout 60s;\n    }\n  }\n}\n');
  assert.equal(text.slice(hover.range.start, hover.range.end), 'proxy_read_timeout');
});

test('hover on a flag directive shows on | off', () => {
  const hover = hoverAt('http {\n  gz<|>ip on;\n}\n');
  assert.ok(hover);
  assert.match(hover.markdown, /gzip on \| off;/);
  assert.match(hover.markdown, /\*\*Default:\*\* `off`/);
});

test('hover on a variable explains it, over the whole $name', () => {
  const marked = 'http {\n  server {\n    location / {\n      proxy_set_header X-Forwarded-For $proxy_add_x<|>_forwarded_for;\n    }\n  }\n}\n';
  const hover = hoverAt(marked);
  assert.ok(hover);
  assert.match(hover.markdown, /`\$proxy_add_x_forwarded_for`/);
  assert.match(hover.markdown, /X-Forwarded-For/);
  const { text } = caret(marked);
  assert.equal(text.slice(hover.range.start, hover.range.end), '$proxy_add_x_forwarded_for');
});

test('hover on a prefixed variable ($http_NAME) and inside ${...}', () => {
  const prefixed = hoverAt('http {\n  server {\n    return 200 $http_x_re<|>quest_id;\n  }\n}\n');
  assert.ok(prefixed);
  assert.match(prefixed.markdown, /request header/);
  const braced = hoverAt('http {\n  server {\n    return 200 "${ho<|>st}x";\n  }\n}\n');
  assert.ok(braced);
  assert.match(braced.markdown, /`\$host`/);
});

test('no hover on a comment, on an unknown directive or on plain whitespace', () => {
  assert.equal(hoverAt('http {\n  # proxy_p<|>ass is set below\n  gzip on;\n}\n'), undefined);
  assert.equal(hoverAt('http {\n  gzip on; # proxy_p<|>ass\n}\n'), undefined);
  assert.equal(hoverAt('http {\n  proxy_pazz<|> x;\n}\n'), undefined);
  assert.equal(hoverAt('http {\n <|>\n  gzip on;\n}\n'), undefined);
});

test('completion offers the directives allowed in the block, not the others', () => {
  const inLocation = labels(completeAt('http {\n  server {\n    location / {\n      <|>\n    }\n  }\n}\n'));
  assert.ok(inLocation.includes('proxy_pass'));
  assert.ok(inLocation.includes('alias'));
  assert.ok(!inLocation.includes('server_name'), 'server_name belongs in server');
  assert.ok(!inLocation.includes('upstream'));
  const inHttp = labels(completeAt('http {\n  <|>\n}\n'));
  assert.ok(inHttp.includes('upstream'));
  assert.ok(inHttp.includes('server'));
  assert.ok(!inHttp.includes('proxy_pass'), 'proxy_pass is not allowed in http');
  assert.ok(!inHttp.includes('worker_processes'));
  const inUpstream = labels(completeAt('http {\n  upstream app {\n    <|>\n  }\n}\n'));
  assert.ok(inUpstream.includes('keepalive'));
  assert.ok(!inUpstream.includes('proxy_pass'));
});

test('completion of a partly typed directive name replaces the typed part', () => {
  const { text, offset } = caret('http {\n  server {\n    location / {\n      proxy_pa<|>\n    }\n  }\n}\n');
  const items = nginxFormat.complete!(contextFor(text), offset);
  const item = items.find((i) => i.label === 'proxy_pass');
  assert.ok(item);
  assert.deepEqual(item.replace, { start: offset - 'proxy_pa'.length, end: offset });
  assert.equal(item.snippet, true);
});

test('completion after a statement on the same line offers directives', () => {
  const items = labels(completeAt('http {\n  server {\n    listen 80; <|>\n  }\n}\n'));
  assert.ok(items.includes('server_name'));
  assert.ok(!items.includes('listen 80'));
});

test('completion of a flag argument offers on and off', () => {
  for (const marked of ['http {\n  gzip <|>\n}\n', 'http {\n  gzip o<|>\n}\n', 'http {\n  gzip <|>;\n}\n', 'http {\n  gzip   <|>\n}\n']) {
    assert.deepEqual(labels(completeAt(marked)).sort(), ['off', 'on'], JSON.stringify(marked));
  }
});

test('completion of a keyword argument offers the keywords', () => {
  const items = labels(completeAt('http {\n  server {\n    location / {\n      proxy_http_version <|>\n    }\n  }\n}\n'));
  assert.ok(items.includes('1.1'), items.join(','));
  assert.ok(items.includes('1.0'));
});

test('completion after $ offers variables and replaces after the $', () => {
  const { text, offset } = caret('http {\n  server {\n    location / {\n      proxy_set_header Host $ho<|>;\n    }\n  }\n}\n');
  const items = nginxFormat.complete!(contextFor(text), offset);
  const host = items.find((i) => i.label === 'host');
  assert.ok(host);
  assert.equal(host.kind, 'variable');
  assert.deepEqual(host.replace, { start: offset - 2, end: offset });
  assert.ok(items.every((i) => i.kind === 'variable'));
  assert.ok(labels(completeAt('http {\n  server {\n    return 200 $<|>\n  }\n}\n')).includes('request_uri'));
});

test('no completion inside a comment', () => {
  assert.deepEqual(completeAt('http {\n  # write proxy_<|>\n}\n'), []);
});

test('outline names servers by server_name and nests locations', () => {
  const text =
    'http {\n  upstream app {\n    server 127.0.0.1:8000;\n  }\n  server {\n    listen 80;\n    server_name example.com www.example.com;\n    location /static/ {\n      alias /srv/static/;\n    }\n  }\n  server {\n    listen 8080;\n  }\n}\n';
  const symbols = nginxFormat.symbols!(contextFor(text));
  assert.equal(symbols.length, 1);
  const http = symbols[0];
  assert.equal(http.name, 'http');
  const children = http.children ?? [];
  assert.deepEqual(
    children.map((c) => [c.kind, c.name]),
    [
      ['upstream', 'upstream app'],
      ['server', 'example.com www.example.com'],
      ['server', '8080'],
    ],
  );
  const location = children[1].children?.[0];
  assert.ok(location);
  assert.equal(location.kind, 'location');
  assert.equal(location.name, 'location /static/');
  assert.equal(text.slice(location.selectionRange.start, location.selectionRange.end), 'location');
  assert.equal(text.slice(children[1].range.start, children[1].range.start + 'server {'.length), 'server {');
});

test('go to definition from proxy_pass http://NAME reaches the upstream block', () => {
  const marked = 'http {\n  upstream app {\n    server 127.0.0.1:8000;\n  }\n  server {\n    location / {\n      proxy_pass http://a<|>pp/;\n    }\n  }\n}\n';
  const { text, offset } = caret(marked);
  const context = contextFor(text);
  const targets = nginxFormat.definition!(context, offset);
  assert.equal(targets.length, 1);
  assert.equal(targets[0].path, context.path);
  assert.equal(text.slice(targets[0].range.start, targets[0].range.start + 'upstream app'.length), 'upstream app');
  // A host name that no upstream defines goes nowhere.
  const other = caret(marked.replace('http://a<|>pp/', 'http://exa<|>mple.com/'));
  assert.deepEqual(nginxFormat.definition!(contextFor(other.text), other.offset), []);
});

test('go to definition finds an upstream in another workspace file', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-editor-'));
  try {
    fs.mkdirSync(path.join(root, 'conf.d'));
    fs.writeFileSync(path.join(root, 'conf.d', 'upstreams.conf'), 'upstream backend {\n  server unix:/run/app.sock;\n}\n');
    const site = path.join(root, 'conf.d', 'site.conf');
    const { text, offset } = caret('server {\n  location / {\n    proxy_pass http://back<|>end;\n  }\n}\n');
    fs.writeFileSync(site, text);
    const targets = nginxFormat.definition!(contextFor(text, site, folderProject(root)), offset);
    assert.deepEqual(
      targets.map((t) => [path.basename(t.path), t.range.start]),
      [['upstreams.conf', 0]],
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('folding covers every closed block and runs of comment lines, keeping a lone } visible', () => {
  const text = '# one\n# two\nevents {\n  worker_connections 512;\n}\nhttp {\n  server {\n    listen 80; }\n}\n';
  const lines = new LineIndex(text);
  const folds = nginxFormat.folding!(contextFor(text)).map((r) => [lines.positionAt(r.start).line, lines.positionAt(r.end).line, r.kind ?? '']);
  folds.sort((a, b) => Number(a[0]) - Number(b[0]));
  assert.deepEqual(folds, [
    [0, 1, 'comment'],
    [2, 3, ''], // events: its `}` (line 4) stays visible
    [5, 7, ''], // http
    [6, 7, ''], // server: the `}` shares line 7 with a directive, so that line is folded
  ]);
  // An unclosed block gives no fold.
  assert.deepEqual(nginxFormat.folding!(contextFor('http {\n  gzip on;\n')), []);
});

test('an include becomes a document link to the file it names', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-editor-'));
  try {
    fs.mkdirSync(path.join(root, 'snippets'));
    fs.writeFileSync(path.join(root, 'snippets', 'proxy.conf'), 'proxy_set_header Host $host;\n');
    fs.mkdirSync(path.join(root, 'sites-available'));
    fs.writeFileSync(path.join(root, 'sites-available', 'one.conf'), 'server { listen 81; }\n');
    fs.writeFileSync(path.join(root, 'sites-available', 'two.conf'), 'server { listen 82; }\n');
    const main = path.join(root, 'nginx.conf');
    const text = 'http {\n  include snippets/proxy.conf;\n  include sites-available/*.conf;\n  include missing.conf;\n}\n';
    fs.writeFileSync(main, text);
    const links = nginxFormat.links!(contextFor(text, main, folderProject(root)));
    assert.deepEqual(
      links.map((l) => [text.slice(l.range.start, l.range.end), path.relative(root, l.target)]),
      [
        ['snippets/proxy.conf', path.join('snippets', 'proxy.conf')],
        ['sites-available/*.conf', path.join('sites-available', 'one.conf')],
      ],
    );
    assert.match(links[1].tooltip ?? '', /2 files/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
