/**
 * Documentation in our own words for the keys a gunicorn service and its socket use. Keyed `Section.Name`;
 * exec/kill/resource-control keys are documented once and shared by [Service] and [Socket] (key `*.Name`).
 */
export interface DirectiveDoc {
  summary: string;
  docs: string;
}

export const DIRECTIVE_DOCS: Readonly<Record<string, DirectiveDoc>> = {
  'Unit.Description': {
    summary: 'A short human name for the unit.',
    docs: 'Shown by `systemctl status` and in the journal. Name what runs ("Gunicorn for myapp"), not how.',
  },
  'Unit.Requires': {
    summary: 'Units that must start with this one; if they fail, this one fails too.',
    docs: 'A strong dependency. Add `After=` for the same unit as well, or both start at once. A gunicorn service activated by a socket commonly says `Requires=app.socket` and `After=app.socket`.',
  },
  'Unit.Wants': {
    summary: 'Units started along with this one, without failing when they fail.',
    docs: 'The weak form of `Requires=`: the usual choice for `network-online.target`.',
  },
  'Unit.After': {
    summary: 'Start this unit only after the listed units have started (ordering only).',
    docs: 'Ordering says nothing about pulling the other unit in: pair it with `Wants=` or `Requires=`. At shutdown the order is reversed.',
  },
  'Unit.Before': { summary: 'Start this unit before the listed units (ordering only).', docs: 'The mirror of `After=`.' },
  'Install.WantedBy': {
    summary: 'Targets that pull this unit in once it is enabled.',
    docs: '`systemctl enable` creates a link in `TARGET.wants/`. A server service uses `multi-user.target`; a socket uses `sockets.target`.',
  },
  'Install.RequiredBy': {
    summary: 'Like `WantedBy=`, but the target requires this unit.',
    docs: 'Rarely what a web service wants: a failure of the unit fails the target.',
  },
  'Install.Alias': { summary: 'Extra names for the unit, created as links on enable.', docs: 'Each alias must have the same suffix as the unit.' },
  'Service.Type': {
    summary: 'How systemd knows the service has finished starting.',
    docs: '`simple` counts the service as started the moment it forks; `exec` once the binary runs; `notify` waits for the process to report `READY=1` on the notify socket. Gunicorn reports readiness itself (from 20.0 on, when `NOTIFY_SOCKET` is set), so `Type=notify` makes dependent units and `systemctl start` wait until the workers are really accepting. `forking` is for daemons that background themselves: do not combine it with gunicorn under systemd.',
  },
  'Service.ExecStart': {
    summary: 'The command that runs the service.',
    docs: "The first word is the program: an absolute path (for gunicorn, the one in the virtual environment: `/srv/app/.venv/bin/gunicorn`) or a name looked up in systemd's fixed search path, which is not your shell's `PATH`. Prefixes: `-` ignores a failing exit, `@` sets argv[0], `:` turns off variable expansion, `+` runs with full privileges, `!` / `!!` relax the user/capability sandbox. `$VAR` and `${VAR}` come from `Environment=`/`EnvironmentFile=`; `%i`, `%n`... are unit specifiers.",
  },
  'Service.ExecReload': {
    summary: 'The command `systemctl reload` runs.',
    docs: 'For gunicorn: `ExecReload=/bin/kill -s HUP $MAINPID`. On HUP gunicorn re-reads its config and replaces its workers gracefully, without dropping the listening socket.',
  },
  'Service.ExecStop': {
    summary: 'The command that stops the service; without it systemd sends `KillSignal=`.',
    docs: 'Gunicorn stops gracefully on SIGTERM, so a gunicorn service usually leaves this out.',
  },
  'Service.ExecStartPre': { summary: 'Commands run before `ExecStart=`.', docs: 'A failure stops the start unless the command is prefixed with `-`.' },
  'Service.Restart': {
    summary: 'When systemd restarts the service after it exits.',
    docs: '`on-failure` restarts after a crash or a non-zero exit; `always` also after a clean exit. Pair it with `RestartSec=` so a crash loop does not spin.',
  },
  'Service.RestartSec': { summary: 'How long to wait before a restart.', docs: 'A time span: `5`, `500ms`, `1min 30s`.' },
  'Service.TimeoutStartSec': {
    summary: 'How long a start may take before systemd gives up and stops the service.',
    docs: 'With `Type=notify` this is the time until gunicorn reports ready: a slow `preload_app` import must fit in it. Default 90 s; `infinity` disables it.',
  },
  'Service.TimeoutStopSec': {
    summary: 'How long systemd waits after the stop signal before it sends SIGKILL.',
    docs: "Must be longer than gunicorn's `graceful_timeout` (30 s by default), or in-flight requests are killed on every deploy. Default 90 s.",
  },
  'Service.PIDFile': { summary: 'The pid file of a forking service.', docs: 'Only meaningful with `Type=forking`; not needed for gunicorn under systemd.' },
  'Service.NotifyAccess': {
    summary: 'Which processes may send status messages on the notify socket.',
    docs: "`main` (the default with `Type=notify`) accepts only the main process; gunicorn's master sends readiness itself, so `main` is enough. `all` lets workers send too.",
  },
  'Service.Sockets': {
    summary: 'Socket units whose file descriptors this service receives.',
    docs: 'Defaults to the socket unit with the same name. Gunicorn picks up systemd sockets through `LISTEN_FDS`.',
  },
  '*.User': {
    summary: 'The user the processes run as.',
    docs: 'Run gunicorn as an unprivileged account that owns the app, not root. The socket or bind path must be writable by it.',
  },
  '*.Group': { summary: 'The group the processes run as.', docs: "Often the group nginx is in (`www-data`) so nginx can reach gunicorn's socket." },
  '*.WorkingDirectory': {
    summary: 'The current directory of the processes.',
    docs: "The app folder, so gunicorn finds the app module and a relative `-c` config. Must be absolute (`-` prefix: ignore if missing; `~`: the user's home).",
  },
  '*.Environment': {
    summary: 'Environment variables for the processes: `KEY=value` pairs, space separated, quotes allowed.',
    docs: 'The unit file is world-readable and `systemctl show` prints these: keep secrets in an `EnvironmentFile=` readable only by root, or in `LoadCredential=`.',
  },
  '*.EnvironmentFile': {
    summary: 'Files of `KEY=value` lines read into the environment.',
    docs: 'Absolute path; a `-` prefix ignores a missing file. The place for secrets, with mode 0600.',
  },
  '*.RuntimeDirectory': {
    summary: 'Folders systemd creates under `/run/` for the service, owned by its user, removed when it stops.',
    docs: "Give a relative name (`myapp`, making `/run/myapp`). Put gunicorn's unix socket and pid file there: `/run` is root-only, and the folder is recreated on each start.",
  },
  '*.RuntimeDirectoryMode': {
    summary: 'The mode of the runtime directories (default 0755).',
    docs: "Use 0750 or 0755 so nginx's group can reach the socket inside.",
  },
  '*.LimitNOFILE': {
    summary: 'The limit on open files (soft:hard, or one value for both).',
    docs: 'Each connection is a file descriptor. With many workers × threads or async `worker_connections`, the classic soft limit of 1024 is easily reached and accept() fails with "Too many open files". `65536` is a safe value.',
  },
  '*.PrivateTmp': {
    summary: 'Give the service its own /tmp and /var/tmp.',
    docs: 'Good hygiene, but a unix socket gunicorn creates in /tmp is then invisible to nginx: put it under `/run/NAME/` instead.',
  },
  '*.ProtectSystem': {
    summary: 'Mount /usr, /boot (and /etc with `full`, everything with `strict`) read-only for the service.',
    docs: 'With `strict`, list the folders gunicorn writes (logs, uploads) in `ReadWritePaths=`.',
  },
  '*.NoNewPrivileges': {
    summary: 'Forbid the processes from gaining privileges (setuid binaries, file capabilities).',
    docs: 'Safe to turn on for a gunicorn service.',
  },
  '*.KillMode': {
    summary: 'Which processes get the stop signal.',
    docs: '`mixed` sends SIGTERM to the gunicorn master only, so it can stop its workers gracefully, and SIGKILL to whatever remains after the timeout; `control-group` (the default) signals every process at once; `process` and `none` leave workers running after a stop.',
  },
  '*.KillSignal': {
    summary: 'The signal that asks the service to stop (default SIGTERM).',
    docs: 'Gunicorn stops gracefully on SIGTERM and fast on SIGINT/SIGQUIT.',
  },
  '*.SendSIGKILL': { summary: 'Whether to SIGKILL what remains after the stop timeout.', docs: 'Leave it on.' },
  'Socket.ListenStream': {
    summary: 'A stream socket to listen on: a path (unix socket), a port, or address:port.',
    docs: 'For gunicorn behind nginx, a unix socket such as `/run/myapp.sock`; nginx proxies to `unix:/run/myapp.sock`.',
  },
  'Socket.SocketUser': {
    summary: 'Owner of the unix socket file.',
    docs: 'Together with `SocketGroup=` and `SocketMode=`, decides whether nginx may connect.',
  },
  'Socket.SocketGroup': { summary: 'Group of the unix socket file.', docs: "Usually nginx's group (`www-data`)." },
  'Socket.SocketMode': {
    summary: 'Mode of the unix socket file (default 0666).',
    docs: '`0660` with `SocketGroup=www-data` lets only nginx and the owner connect.',
  },
  'Socket.Accept': {
    summary: 'Whether systemd accepts each connection and starts one service instance per connection.',
    docs: 'Must stay `no` for gunicorn: gunicorn accepts connections itself on the listening socket it inherits.',
  },
  'Socket.Service': { summary: 'The service the socket activates (default: the one with the same name).', docs: 'Only needed when the names differ.' },
};

export function docFor(section: string, name: string, group: string | undefined): DirectiveDoc | undefined {
  return DIRECTIVE_DOCS[`${section}.${name}`] ?? (group ? DIRECTIVE_DOCS[`*.${name}`] : undefined);
}
