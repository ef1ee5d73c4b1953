/** Deployment facts of one nginx document: upstreams, proxy_pass targets with their inherited settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nginxFacts } from '../../server/src/formats/nginx/facts';
import { parseNginx } from '../../server/src/formats/nginx/parser';

const TEXT = `user www-data;
http {
  proxy_read_timeout 30s;
  client_max_body_size 5m;
  upstream app {
    server unix:/run/app.sock;
    keepalive 8;
  }
  server {
    listen 80;
    server_name example.com;
    location / {
      proxy_pass http://app;
    }
    location /slow/ {
      proxy_read_timeout 300s;
      proxy_pass http://127.0.0.1:8000;
    }
  }
}
`;

test('upstreams, proxy targets and the settings each location inherits', () => {
  const doc = parseNginx(TEXT);
  const facts = nginxFacts(doc);
  assert.deepEqual(
    facts.upstreams.map((u) => [u.name, u.servers.map((s) => s.value), u.keepalive?.value]),
    [['app', ['unix:/run/app.sock'], '8']],
  );
  assert.deepEqual(
    facts.proxyPasses.map((p) => [p.location, p.target, p.parsed?.host, p.readTimeout?.value, p.clientMaxBodySize?.value]),
    [
      ['/', 'http://app', 'app', '30s', '5m'],
      ['/slow/', 'http://127.0.0.1:8000', '127.0.0.1', '300s', '5m'],
    ],
  );
  assert.equal(facts.user?.value, 'www-data');
  assert.deepEqual(
    facts.serverNames.map((f) => f.value),
    ['example.com'],
  );
  assert.equal(TEXT.slice(facts.listen[0].range.start, facts.listen[0].range.end), 'listen 80;');
  // Kept with the document: asking again costs nothing and gives the same answer.
  assert.equal(nginxFacts(doc), facts);
  assert.notEqual(nginxFacts(parseNginx(TEXT)), facts);
});
