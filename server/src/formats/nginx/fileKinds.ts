/**
 * Which files are nginx configs when the name alone cannot say: the first bytes of the file are read (bounded by
 * the service) and judged here. Cheap and conservative: a file is nginx when it opens a known block or holds a
 * statement of a directive every nginx config uses, and nothing in it looks like an INI or unit section.
 */

/** Names whose format is settled by their content: any other `.conf`, extensionless files under nginx/ or sites-x/. */
export function isAmbiguousNginxName(posixPath: string): boolean {
  const base = posixPath.slice(posixPath.lastIndexOf('/') + 1);
  if (base.startsWith('.')) return false;
  if (base.endsWith('.conf')) return true;
  if (base.includes('.')) return false;
  return /(^|\/)(nginx|sites-[^/]+)\/([^/]+\/)*[^/]+$/.test(posixPath);
}

const BLOCKS = 'http|events|server|upstream|location|stream|mail|map|geo|types|limit_except|split_clients';
const BLOCK_OPENER = new RegExp(`^\\s*(${BLOCKS})\\b[^;{}#]*\\{`, 'm');
const STATEMENT = new RegExp(
  '^\\s*(' +
    [
      'listen',
      'server_name',
      'proxy_pass',
      'proxy_set_header',
      'uwsgi_pass',
      'fastcgi_pass',
      'root',
      'include',
      'worker_processes',
      'worker_connections',
      'error_log',
      'access_log',
      'client_max_body_size',
      'add_header',
      'return',
      'rewrite',
      'try_files',
      'ssl_certificate',
      'keepalive_timeout',
      'sendfile',
      'gzip',
      'pid',
      'proxy_read_timeout',
      'alias',
      'index',
    ].join('|') +
    ')\\s+[^=\\n;{}]*;\\s*(#.*)?$',
  'm',
);
/** `[Service]`, `[program:app]`: INI, systemd, supervisord. */
const SECTION_HEADER = /^\s*\[[^\]\n]+\]\s*$/m;
/** `key = value` or `key: value` lines: INI, YAML, Python. */
const ASSIGNMENT = /^\s*[A-Za-z_][\w.-]*\s*[=:]\s*\S/m;

export function looksLikeNginx(head: string): boolean {
  // Comments out first (a commented `[section]` or `server {` says nothing).
  const text = head.replace(/(^|\s)#[^\n]*/g, '$1');
  if (SECTION_HEADER.test(text)) return false;
  if (BLOCK_OPENER.test(text)) return true;
  return STATEMENT.test(text) && !ASSIGNMENT.test(text);
}
