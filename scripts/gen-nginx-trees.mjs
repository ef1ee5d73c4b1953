#!/usr/bin/env node
// Writes the deterministic nginx trees of the CLI benchmark (scripts/bench.mjs), each one `nginx -t` accepts:
//   tree DIR N       nginx.conf (events, http, 20 upstreams, `include conf.d/*.conf`) and N one-server fragments
//   fragments DIR N  N small fragments and no main config (a repository's snippets: servers, locations, upstreams)
//   single DIR       one 49-line config
//   configs DIR N    N full configs, each its own nginx.conf in site-NNNN/
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [kind, dir, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 0);
if (!kind || !dir) {
  console.error('usage: node scripts/gen-nginx-trees.mjs tree|fragments|single|configs DIR [N]');
  process.exit(2);
}
const pad = (n) => String(n).padStart(5, '0');
const write = (name, lines) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), lines.join('\n') + '\n');
};
const UPSTREAMS = 20;
const upstreams = (n = UPSTREAMS) => {
  const out = [];
  for (let u = 0; u < n; u++) out.push(`    upstream app${u} {`, `        server 127.0.0.1:${8000 + u};`, '        keepalive 8;', '    }');
  return out;
};
const server = (i, indent = '') =>
  [
    'server {',
    `    listen 127.0.0.1:${10000 + (i % 500)};`,
    `    server_name site${i}.example.com;`,
    `    access_log /var/log/nginx/site${i}.log;`,
    '    location / {',
    `        proxy_pass http://app${i % UPSTREAMS};`,
    '        proxy_set_header Host $host;',
    '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '        proxy_set_header X-Forwarded-Proto $scheme;',
    '    }',
    '    location /static/ {',
    `        alias /srv/site${i}/static/;`,
    '    }',
    '}',
  ].map((line) => indent + line);
const main = (body, upstreamCount = UPSTREAMS) => [
  'events {',
  '    worker_connections 4096;',
  '}',
  'http {',
  ...upstreams(upstreamCount),
  ...body,
  '}',
];

if (kind === 'tree') {
  write('nginx.conf', main(['    include conf.d/*.conf;']));
  for (let i = 0; i < count; i++) write(`conf.d/site${pad(i)}.conf`, server(i));
} else if (kind === 'fragments') {
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) write(`snippets/site${pad(i)}.conf`, server(i));
    else if (i % 3 === 1)
      write(`snippets/location${pad(i)}.conf`, ['location /api/ {', '    proxy_pass http://127.0.0.1:8000;', '    proxy_set_header Host $host;', '    proxy_read_timeout 30s;', '}']);
    else write(`snippets/upstream${pad(i)}.conf`, [`upstream backend${i} {`, `    server 127.0.0.1:${9000 + i};`, '}']);
  }
} else if (kind === 'single') {
  const lines = ['user www-data;', 'worker_processes auto;', ...main([...server(1, '    ')], 2)];
  while (lines.length < 49) lines.splice(lines.length - 1, 0, `    # note ${lines.length}`);
  write('nginx.conf', lines);
} else if (kind === 'configs') {
  for (let i = 0; i < count; i++) write(`site-${pad(i)}/nginx.conf`, main([...server(i, '    '), ...server(i + 100000, '    ')]));
} else {
  console.error(`unknown kind ${kind}`);
  process.exit(2);
}
