/**
 * Our own cases for the classes of issue 9 item 4, each with look-alikes nginx accepts; `nginx -t` judges every one
 * in the oracle test. A case that starts with `events` is a whole main configuration; any other is a fragment the
 * oracle includes inside `http {}`. `needs` names the Debian dynamic modules a case loads (skipped where missing);
 * `isolated` cases are linted without the file that includes them (their context is our guess).
 */
export interface ClassCase {
  class: string;
  text?: string;
  /** A multi-file case: relative path -> text (the file with `events` is nginx's main file). */
  files?: Record<string, string>;
  needs?: ('stream' | 'mail')[];
  isolated?: boolean;
}

const STREAM = 'load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n';
const MAIL = 'load_module /usr/lib/nginx/modules/ngx_mail_module.so;\n';
const main = (body: string) => `events {}\n${body}`;
const stream = (body: string) => ({ text: STREAM + main(`stream {\n${body}}\n`), needs: ['stream' as const] });
const mail = (body: string) => ({ text: MAIL + main(`mail {\n    auth_http 127.0.0.1:9000/auth;\n${body}}\n`), needs: ['mail' as const] });
const server = (body: string) => `server {\n    listen 127.0.0.1:8080;\n${body}}\n`;

export const CLASS_CASES: ClassCase[] = [
  // --- a missing ";": nginx names the line where the merged statement ends ----------------------------------------
  { class: 'semicolon', text: 'server {\n    listen 127.0.0.1:8080\n    server_name a.example;\n}\n' },
  { class: 'semicolon', text: server('    root /srv\n    index index.html;\n') },
  { class: 'semicolon', text: server('    location / {\n        proxy_pass http://127.0.0.1:8000\n    }\n') },
  { class: 'semicolon', text: server('    add_header X-A a\n        always;\n') },
  { class: 'semicolon', text: server('    error_page 404\n        /404.html;\n') },
  { class: 'semicolon', text: server('    client_max_body_size 10m\n    gzip on;\n') },
  { class: 'semicolon', text: server('    gzip on\n    ;\n') },
  { class: 'semicolon', text: server('    proxy_set_header Host $host\n    proxy_set_header X-Real-IP $remote_addr;\n') },
  { class: 'semicolon', text: server('    set $a b\n    c;\n') },
  { class: 'semicolon', text: server('    return 200\n    "ok";\n') },
  { class: 'semicolon', text: server('    return 301 https://$host$request_uri\n') },
  { class: 'semicolon', text: main('http {\n    server {\n        listen 127.0.0.1:8080;\n        keepalive_timeout 10\n        sendfile on;\n    }\n}\n') },
  { class: 'semicolon', text: main('worker_processes 2\nhttp {\n}\n') },
  { class: 'semicolon', text: main('http {\n    include mime.types\n}\n') },
  // --- an unclosed block at the end of the file -------------------------------------------------------------------
  { class: 'unclosed', text: server('    location / {\n        return 200;\n').replace(/}\n$/, '') },
  { class: 'unclosed', text: 'server {\n    listen 127.0.0.1:8080;\n    location / {\n        return 200;\n    }\n' },
  { class: 'unclosed', text: 'server {\n    listen 127.0.0.1:8080;\n    location / {\n        return 200;\n    }\n\n\n# end\n' },
  { class: 'unclosed', text: main('http {\n    server {\n        listen 127.0.0.1:8080;\n    }\n') },
  { class: 'unclosed', text: main('http {\n    server {\n        listen 127.0.0.1:8080;\n    }\n}') },
  // --- load_module: only the loaded modules' directives become known ----------------------------------------------
  { class: 'load_module', ...stream('    server {\n        listen 127.0.0.1:9000;\n        proxy_pass 127.0.0.1:9001;\n    }\n') },
  {
    class: 'load_module',
    text:
      STREAM +
      main('stream {\n    server {\n        listen 127.0.0.1:9000;\n        proxy_pass 127.0.0.1:9001;\n    }\n}\nhttp {\n    bogus_directive on;\n}\n'),
    needs: ['stream'],
  },
  {
    class: 'load_module',
    text: STREAM + main('http {\n    server {\n        listen 127.0.0.1:8080;\n        proxy_pas http://127.0.0.1:8000;\n    }\n}\n'),
    needs: ['stream'],
  },
  { class: 'load_module', text: STREAM + main('mail {\n    server {\n        listen 127.0.0.1:2525;\n    }\n}\n'), needs: ['stream'] },
  {
    class: 'load_module',
    text: STREAM + main('stream {\n    server {\n        listen 127.0.0.1:9000;\n        proxy_pass 127.0.0.1:9001;\n        proxy_bogus on;\n    }\n}\n'),
    needs: ['stream'],
  },
  {
    class: 'load_module',
    text:
      MAIL +
      STREAM +
      main(
        'stream {\n    server {\n        listen 127.0.0.1:9000;\n        proxy_pass 127.0.0.1:9001;\n    }\n}\nmail {\n    auth_http 127.0.0.1:9000/auth;\n    server {\n        listen 127.0.0.1:2525;\n        protocol smtp;\n    }\n}\n',
      ),
    needs: ['stream', 'mail'],
  },
  { class: 'load_module', ...mail('    server {\n        listen 127.0.0.1:1100;\n        protocol pop3;\n    }\n') },
  { class: 'load_module', ...mail('    server {\n        listen 127.0.0.1:1100;\n        protocol pop4;\n    }\n') },
  { class: 'load_module', text: main('stream {\n    server {\n        listen 127.0.0.1:9000;\n        proxy_pass 127.0.0.1:9001;\n    }\n}\n') },
  // --- arguments nginx's handlers parse -----------------------------------------------------------------------------
  { class: 'arguments', text: 'events {\n    worker_connections many;\n}\n' },
  { class: 'arguments', text: 'events {\n    worker_connections 512;\n}\n' },
  { class: 'arguments', text: 'events {\n    worker_connections -1;\n}\n' },
  { class: 'arguments', text: 'worker_processes many;\nevents {}\n' },
  { class: 'arguments', text: 'worker_processes auto;\nevents {}\n' },
  { class: 'arguments', text: 'worker_processes 4;\nevents {}\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=1/s;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=1r/s;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=30r/m;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=0r/s;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=5r/h;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=5;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a rate=5r/s;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10x rate=5r/s;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=5r/s bogus;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr rate=5r/s;\n' },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=5r/s;\n' + server('    limit_req zone=a burst=0;\n') },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=5r/s;\n' + server('    limit_req zone=a burst=x;\n') },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=5r/s;\n' + server('    limit_req zone=a burst=20 delay=8;\n') },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=5r/s;\n' + server('    limit_req zone=a burst=20 delay=0;\n') },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=5r/s;\n' + server('    limit_req zone=a nodelay fast;\n') },
  { class: 'arguments', text: 'limit_req_zone $binary_remote_addr zone=a:10m rate=5r/s;\n' + server('    limit_req burst=5;\n') },
  { class: 'arguments', text: 'limit_conn_zone $binary_remote_addr zone=c:10m;\n' + server('    limit_conn c many;\n') },
  { class: 'arguments', text: 'limit_conn_zone $binary_remote_addr zone=c:10m;\n' + server('    limit_conn c 10;\n') },
  { class: 'arguments', text: 'limit_conn_zone $binary_remote_addr zone=c:10m;\n' + server('    limit_conn c 0;\n') },
  { class: 'arguments', text: 'error_log stderr warnx;\nevents {}\n' },
  { class: 'arguments', text: 'error_log stderr warn;\nevents {}\n' },
  { class: 'arguments', text: 'error_log stderr info debug_http;\nevents {}\n' },
  { class: 'arguments', text: 'error_log stderr debug_http debug_event;\nevents {}\n' },
  { class: 'arguments', text: 'error_log stderr warn error;\nevents {}\n' },
  { class: 'arguments', text: server('    error_log stderr notice;\n') },
  { class: 'arguments', text: server('    error_log stderr Notice;\n') },
  { class: 'arguments', text: server('    location / {\n        fastcgi_pass 127.0.0.1:70000;\n    }\n') },
  { class: 'arguments', text: server('    location / {\n        fastcgi_pass 127.0.0.1:9000;\n    }\n') },
  { class: 'arguments', text: server('    location / {\n        fastcgi_pass unix:/run/php.sock;\n    }\n') },
  { class: 'arguments', text: server('    location / {\n        uwsgi_pass 127.0.0.1:65536;\n    }\n') },
  { class: 'arguments', text: server('    location / {\n        scgi_pass 127.0.0.1:0;\n    }\n') },
  { class: 'arguments', text: server('    location / {\n        grpc_pass grpc://127.0.0.1:99999;\n    }\n') },
  { class: 'arguments', text: server('    location / {\n        grpc_pass grpc://127.0.0.1:50051;\n    }\n') },
  { class: 'arguments', text: server('    location / {\n        memcached_pass 127.0.0.1:77777;\n    }\n') },
  { class: 'arguments', text: server('    location / {\n        uwsgi_pass uwsgi://127.0.0.1:3031;\n    }\n') },
  { class: 'arguments', text: 'proxy_temp_path /tmp/nginx-proxy 1 2 3 4;\n' },
  { class: 'arguments', text: 'proxy_temp_path /tmp/nginx-proxy 1 2 2;\n' },
  { class: 'arguments', text: 'proxy_temp_path /tmp/nginx-proxy 0;\n' },
  { class: 'arguments', text: 'proxy_temp_path /tmp/nginx-proxy 11;\n' },
  { class: 'arguments', text: 'proxy_temp_path /tmp/nginx-proxy 5 5;\n' },
  { class: 'arguments', text: 'client_body_temp_path /tmp/nginx-body x;\n' },
  { class: 'arguments', text: 'fastcgi_temp_path /tmp/nginx-fcgi 2 2;\n' },
  { class: 'arguments', ...stream('    server {\n        listen 127.0.0.1:70000;\n        proxy_pass 127.0.0.1:9001;\n    }\n') },
  { class: 'arguments', ...stream('    server {\n        listen 127.0.0.1:9000 udp;\n        proxy_pass 127.0.0.1:99999;\n    }\n') },
  { class: 'arguments', ...stream('    server {\n        listen 127.0.0.1:9000 bogus;\n        proxy_pass 127.0.0.1:9001;\n    }\n') },
  {
    class: 'arguments',
    ...stream('    server {\n        listen 127.0.0.1:9000 udp reuseport;\n        proxy_pass 127.0.0.1:9001;\n        proxy_timeout 1x;\n    }\n'),
  },
  {
    class: 'arguments',
    ...stream('    upstream b {\n        server 127.0.0.1:99999;\n    }\n    server {\n        listen 127.0.0.1:9000;\n        proxy_pass b;\n    }\n'),
  },
  {
    class: 'arguments',
    ...stream(
      '    upstream b {\n        server 127.0.0.1:9001 weight=2 max_fails=3 fail_timeout=10s;\n    }\n    server {\n        listen 127.0.0.1:9000;\n        proxy_pass b;\n    }\n',
    ),
  },
  { class: 'arguments', ...mail('    server {\n        listen 127.0.0.1:70000;\n        protocol smtp;\n    }\n') },
  { class: 'arguments', ...mail('    server {\n        listen 127.0.0.1:2525 bogus;\n        protocol smtp;\n    }\n') },
  { class: 'arguments', ...mail('    server {\n        listen 127.0.0.1:2525 bind;\n        protocol smtp;\n    }\n') },
  // --- duplicates nginx refuses, parameters newer than nginx 1.22 ---------------------------------------------------
  { class: 'duplicates', text: server('    limit_rate 10k;\n    limit_rate 20k;\n') },
  { class: 'duplicates', text: server('    limit_rate 10k;\n    location / {\n        limit_rate 20k;\n    }\n') },
  { class: 'duplicates', text: server('    limit_rate_after 1m;\n    limit_rate_after 2m;\n') },
  {
    class: 'duplicates',
    text: server('    location / {\n        proxy_method POST;\n        proxy_method GET;\n        proxy_pass http://127.0.0.1:8000;\n    }\n'),
  },
  { class: 'duplicates', text: server('    location / {\n        proxy_method POST;\n        proxy_pass http://127.0.0.1:8000;\n    }\n') },
  { class: 'duplicates', text: server('    auth_basic "a";\n    auth_basic "b";\n') },
  { class: 'duplicates', text: 'proxy_temp_path /tmp/a;\nproxy_temp_path /tmp/b;\n' },
  {
    class: 'duplicates',
    ...stream(
      '    server {\n        listen 127.0.0.1:9000;\n        proxy_pass 127.0.0.1:9001;\n    }\n    server {\n        listen 127.0.0.1:9000;\n        proxy_pass 127.0.0.1:9002;\n    }\n',
    ),
  },
  {
    class: 'duplicates',
    ...stream(
      '    server {\n        listen 127.0.0.1:9000;\n        proxy_pass 127.0.0.1:9001;\n    }\n    server {\n        listen 127.0.0.1:9000 udp;\n        proxy_pass 127.0.0.1:9002;\n    }\n',
    ),
  },
  {
    class: 'duplicates',
    ...stream('    server {\n        listen 127.0.0.1:9000;\n        listen 127.0.0.1:9003;\n        proxy_pass 127.0.0.1:9001;\n    }\n'),
  },
  {
    class: 'duplicates',
    ...stream('    server {\n        listen 127.0.0.1:9000;\n        listen 127.0.000.1:9000;\n        proxy_pass 127.0.0.1:9001;\n    }\n'),
  },
  {
    class: 'duplicates',
    ...mail(
      '    server {\n        listen 127.0.0.1:2525;\n        protocol smtp;\n    }\n    server {\n        listen 127.0.0.1:2525;\n        protocol smtp;\n    }\n',
    ),
  },
  {
    class: 'duplicates',
    ...stream(
      '    server {\n        listen 127.0.0.1:9000;\n        proxy_pass 127.0.0.1:9001;\n        proxy_upload_rate 1k;\n        proxy_upload_rate 2k;\n    }\n',
    ),
  },
  {
    class: 'versions',
    ...stream(
      '    resolver 127.0.0.1;\n    upstream b {\n        zone b 64k;\n        server 127.0.0.1:9001 resolve;\n    }\n    server {\n        listen 127.0.0.1:9000;\n        proxy_pass b;\n    }\n',
    ),
  },
  {
    class: 'versions',
    ...stream(
      '    upstream b {\n        zone b 64k;\n        server 127.0.0.1:9001;\n    }\n    server {\n        listen 127.0.0.1:9000;\n        proxy_pass b;\n    }\n',
    ),
  },
  { class: 'versions', text: 'upstream b {\n    server 127.0.0.1:8000;\n    sticky cookie srv_id expires=1h;\n}\n' },
  { class: 'versions', text: 'upstream b {\n    server 127.0.0.1:8000;\n    ip_hash;\n}\n' },
  { class: 'versions', text: 'geo $blocked {\n    volatile;\n    default 0;\n    10.0.0.0/8 1;\n}\n' },
  { class: 'versions', text: 'geo $blocked {\n    default 0;\n    10.0.0.0/8 1;\n}\n' },
  { class: 'versions', text: 'map $uri $m {\n    volatile;\n    default 0;\n}\n' },
  { class: 'versions', text: 'resolver 127.0.0.1;\nupstream b {\n    zone b 64k;\n    server 127.0.0.1:8000 resolve;\n}\n' },
  // --- the context of a fragment: a location's body stays valid when linted alone --------------------------------
  {
    class: 'context',
    isolated: true,
    files: {
      'nginx.conf': main(
        'http {\n    server {\n        listen 127.0.0.1:8080;\n        location / {\n            include snippets/cors.conf;\n        }\n    }\n}\n',
      ),
      'snippets/cors.conf':
        'add_header Access-Control-Allow-Origin * always;\nif ($request_method = OPTIONS) {\n    add_header Access-Control-Max-Age 600;\n    return 204;\n}\n',
    },
  },
  {
    class: 'context',
    isolated: true,
    files: {
      'nginx.conf': main('http {\n    server {\n        listen 127.0.0.1:8080;\n        include snippets/guard.conf;\n    }\n}\n'),
      'snippets/guard.conf': 'if ($http_user_agent ~* bot) {\n    return 403;\n}\nadd_header X-Frame-Options DENY;\n',
    },
  },
  {
    class: 'context',
    isolated: true,
    files: {
      'nginx.conf': main(
        'http {\n    server {\n        listen 127.0.0.1:8080;\n        location / {\n            include snippets/proxy.conf;\n        }\n    }\n}\n',
      ),
      'snippets/proxy.conf':
        'proxy_set_header Host $host;\nif ($http_x_forwarded_proto = http) {\n    set $redirect 1;\n}\nproxy_pass http://127.0.0.1:8000;\n',
    },
  },
  {
    class: 'context',
    isolated: true,
    files: {
      'nginx.conf': main(
        'http {\n    server {\n        listen 127.0.0.1:8080;\n        location /a {\n            include snippets/limit.conf;\n        }\n    }\n}\n',
      ),
      'snippets/limit.conf': 'limit_except GET {\n    deny all;\n}\nadd_header X-A b;\n',
    },
  },
  // --- nesting deeper than 64 blocks --------------------------------------------------------------------------------
  { class: 'nesting', text: server(nestedLocations(70, '            return 200;\n')) },
  { class: 'nesting', text: server(nestedLocations(80, '            return 200;\n').replace(/}\n$/, '')) },
  { class: 'nesting', text: server(nestedLocations(70, '            retrun 200;\n')) },
  { class: 'nesting', text: server(nestedLocations(66, '            return 200;\n') + '    bogus on;\n') },
  { class: 'nesting', text: server(nestedLocations(100, '            return 200;\n', true)) },
];

/** `depth` nested prefix locations (/l/l/... or, `same`, /l in /l: linear size), with `inner` in the innermost. */
export function nestedLocations(depth: number, inner: string, same = false): string {
  let open = '';
  let close = '';
  let prefix = '';
  for (let i = 0; i < depth; i++) {
    if (!same || i === 0) prefix += '/l';
    open += `    location ${prefix} {\n`;
    close = '    }\n' + close;
  }
  return open + inner + close;
}
