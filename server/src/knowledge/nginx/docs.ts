/**
 * Our own words for the directives a Python app's proxy uses, with the default nginx applies. Every other
 * directive gets its syntax, contexts and module from the generated table.
 */
export interface DirectiveDoc {
  summary: string;
  default?: string;
  /** Argument snippet for completion (`proxy_pass ${1:http://app};`). */
  snippet?: string;
}

export const DIRECTIVE_DOCS: Record<string, DirectiveDoc> = {
  listen: {
    summary:
      'Address and port (or `unix:` socket) this server accepts connections on; `default_server` makes it answer requests whose Host matches no other server.',
    default: '*:80',
    snippet: 'listen ${1:80};',
  },
  server_name: {
    summary:
      'Host names this server answers to: exact names, `*.example.com` wildcards or `~` regular expressions. `_` is a conventional name that matches nothing.',
    default: '""',
    snippet: 'server_name ${1:example.com};',
  },
  location: {
    summary:
      'A block applied to request URIs that match a prefix, an exact `=` path, or a `~`/`~*` regular expression. Regexes containing `{`, `}` or `;` must be quoted.',
    snippet: 'location ${1:/} {\n\t$0\n}',
  },
  root: { summary: 'Folder that request URIs are appended to when serving files. The full URI is kept, unlike `alias`.', default: 'html' },
  alias: {
    summary: 'Replaces the matched location prefix with this path. Keep trailing slashes consistent with the location, or `/static../` escapes the folder.',
  },
  try_files: {
    summary:
      'Tries files in order and serves the first that exists, else the last argument (a URI, `@named` location or `=code`). The usual way to fall back to the app for non-static paths.',
  },
  return: { summary: 'Stops processing and answers with a status code, a redirect URL, or a body.' },
  rewrite: { summary: 'Changes the request URI with a regular expression; `last`, `break`, `redirect` and `permanent` decide what happens next.' },
  include: {
    summary: 'Reads another file (or every file matching a glob, in sorted order) in place. Relative paths start at the main config folder.',
    snippet: 'include ${1:snippets/proxy.conf};',
  },
  upstream: {
    summary: 'A named group of backend servers that `proxy_pass http://NAME` balances across, e.g. several gunicorn instances or sockets.',
    snippet: 'upstream ${1:app} {\n\tserver ${2:127.0.0.1:8000};\n}',
  },
  server: { summary: 'In `http`: a virtual server block. In `upstream`: one backend address with weight, `max_fails`, `fail_timeout` or `backup`.' },
  keepalive: {
    summary:
      'In an upstream: how many idle connections each worker keeps open to the backends. Works only with `proxy_http_version 1.1` and an empty `Connection` header.',
  },
  proxy_pass: {
    summary:
      'Sends the request to a backend: `http://upstream_name`, `http://127.0.0.1:8000` or `http://unix:/run/app.sock`. A URI part after the address replaces the matched location prefix.',
    snippet: 'proxy_pass ${1:http://127.0.0.1:8000};',
  },
  proxy_set_header: {
    summary:
      'Sets a request header sent to the backend. A block that sets any header inherits none from outer blocks. Gunicorn apps need `Host` and `X-Forwarded-Proto`.',
    default: 'Host $proxy_host; Connection close',
    snippet: 'proxy_set_header ${1:Host} ${2:\\$host};',
  },
  proxy_http_version: { summary: 'HTTP version spoken to the backend. Use 1.1 for upstream keepalive and websockets.', default: '1.0' },
  proxy_read_timeout: {
    summary: "How long nginx waits between two reads from the backend before answering 504. Keep it at or above gunicorn's `timeout`.",
    default: '60s',
  },
  proxy_connect_timeout: { summary: 'How long connecting to the backend may take (at most about 75 s).', default: '60s' },
  proxy_send_timeout: { summary: 'How long nginx waits between two writes to the backend.', default: '60s' },
  proxy_buffering: { summary: 'Whether responses are buffered by nginx. Turn off for streaming and server-sent events.', default: 'on' },
  proxy_buffer_size: { summary: 'Buffer for the first part of the response (headers).', default: '4k|8k' },
  proxy_buffers: { summary: 'Number and size of buffers for one response.', default: '8 4k|8k' },
  proxy_redirect: { summary: 'Rewrites `Location` and `Refresh` headers from the backend.', default: 'default' },
  proxy_next_upstream: { summary: 'Which failures make nginx retry the request on the next upstream server.', default: 'error timeout' },
  proxy_request_buffering: { summary: 'Whether the whole request body is read before it is sent to the backend.', default: 'on' },
  proxy_cache: { summary: 'Names a cache zone (from `proxy_cache_path`) used for responses, or `off`.', default: 'off' },
  proxy_intercept_errors: { summary: 'Lets `error_page` handle backend responses with status 300 and above.', default: 'off' },
  client_max_body_size: { summary: 'Largest request body accepted; bigger uploads get 413. `0` disables the limit.', default: '1m' },
  client_body_timeout: { summary: 'How long nginx waits between two reads of the request body before answering 408.', default: '60s' },
  client_body_buffer_size: { summary: 'Request bodies larger than this are written to a temporary file.', default: '8k|16k' },
  keepalive_timeout: { summary: 'How long an idle client connection stays open; an optional second value is sent as `Keep-Alive: timeout=`.', default: '75s' },
  add_header: { summary: 'Adds a response header (for 2xx/3xx unless `always`). A block with its own `add_header` inherits none from outer blocks.' },
  access_log: { summary: 'Where and in which `log_format` requests are logged, or `off`.', default: 'logs/access.log combined' },
  error_log: { summary: 'Where errors are logged and the lowest level kept (`debug` ... `emerg`).', default: 'logs/error.log error' },
  log_format: { summary: 'Defines a named access log format from variables.', default: 'combined "..."' },
  map: {
    summary: 'Sets a variable from another value by lookup table: lines of `source result`, `default`, `hostnames`, regexes.',
    snippet: "map ${1:\\$http_upgrade} ${2:\\$connection_upgrade} {\n\tdefault upgrade;\n\t'' close;\n}",
  },
  gzip: { summary: 'Compresses responses on the fly.', default: 'off' },
  gzip_types: { summary: 'MIME types compressed besides `text/html`.', default: 'text/html' },
  ssl_certificate: { summary: 'PEM certificate (with its chain) for this server.' },
  ssl_certificate_key: { summary: 'The private key of `ssl_certificate`.' },
  ssl_protocols: { summary: 'TLS versions offered.', default: 'TLSv1.2 TLSv1.3' },
  limit_req: { summary: 'Rate-limits requests with a zone from `limit_req_zone`; `burst` and `nodelay` shape spikes.' },
  limit_req_zone: { summary: 'Declares a shared memory zone and rate for `limit_req`, keyed by a variable such as `$binary_remote_addr`.' },
  set_real_ip_from: { summary: 'Trusted proxy address or network whose forwarded client address is believed (with `real_ip_header`).' },
  real_ip_header: { summary: 'Header that holds the client address when the request comes from a `set_real_ip_from` proxy.', default: 'X-Real-IP' },
  worker_processes: { summary: 'Number of worker processes; `auto` means one per CPU core.', default: '1' },
  worker_connections: { summary: 'Most simultaneous connections per worker, proxied ones counted twice.', default: '512' },
  user: { summary: "User (and group) the workers run as; it must be able to open gunicorn's unix socket.", default: 'nobody nobody' },
  sendfile: { summary: "Sends static files with the kernel's sendfile().", default: 'off' },
  server_tokens: { summary: 'Whether the nginx version appears in error pages and the Server header.', default: 'on' },
  error_page: { summary: 'URI, named location or redirect used for the given status codes.' },
  index: { summary: 'Files tried when a request ends with `/`.', default: 'index.html' },
  expires: { summary: 'Sets `Expires` and `Cache-Control: max-age` on responses.', default: 'off' },
  if: { summary: 'Conditional block on a variable test. Only a few directives behave well inside it: prefer `map`, `return` and `rewrite`.' },
  set: { summary: 'Assigns a value to a variable.' },
  http: { summary: 'The block that holds every HTTP server, upstream and shared setting.' },
  events: { summary: 'Connection-processing settings (`worker_connections`). Required in the main config.' },
  load_module: { summary: 'Loads a dynamic module (`.so`). Debian builds stream and mail this way.' },
  uwsgi_pass: { summary: 'Sends the request to a uWSGI backend.' },
  fastcgi_pass: { summary: 'Sends the request to a FastCGI backend.' },
};
