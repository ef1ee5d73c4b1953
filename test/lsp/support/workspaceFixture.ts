/** The small deployment most LSP tests open: a gunicorn config with one typo and an access log format. */
export const CONFIG_TEXT = ['bind = "127.0.0.1:8000"', 'workers = 2', 'timout = 30', "access_log_format = '%(h)s %(r)s %(s)s'", ''].join('\n');

/** A config of about 60 lines, for the start-up figure. */
export function sixtyLineConfig(): string {
  const lines = [
    '# A realistic gunicorn.conf.py',
    'import multiprocessing',
    '',
    'bind = "127.0.0.1:8000"',
    'workers = 3',
    'worker_class = "sync"',
    'timeout = 30',
    'graceful_timeout = 30',
    'keepalive = 2',
    'max_requests = 1000',
    'max_requests_jitter = 100',
    'loglevel = "info"',
    'accesslog = "-"',
    'errorlog = "-"',
    'access_log_format = \'%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s\'',
    'proc_name = "app"',
    'forwarded_allow_ips = "127.0.0.1"',
    '',
  ];
  const hooks = ['on_starting(server)', 'when_ready(server)', 'pre_fork(server, worker)', 'post_fork(server, worker)', 'worker_exit(server, worker)'];
  for (const hook of hooks) {
    lines.push(`def ${hook}:`, `    server.log.info("${hook.split('(')[0]}")`, '    return None', '', '');
  }
  while (lines.length < 59) lines.push(`# padding line ${lines.length}`);
  lines.push('keepaliv = 5', '');
  return lines.join('\n');
}
