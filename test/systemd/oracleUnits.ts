/**
 * Units generated for the systemd-analyze oracle: a clean gunicorn service with one line varied at a time, over
 * the value kinds we check (booleans, time spans, enumerations, limits, signals, modes, paths, environment),
 * unknown keys and sections, keys in the wrong section, comments and continuations. Half are meant to pass, half
 * to fail; the oracle decides, not this list.
 */
export interface GeneratedUnit {
  name: string;
  text: string;
  /** How the text is written: latin1 turns `\xe9` into one byte that is not UTF-8. Default utf8. */
  encoding?: 'utf8' | 'latin1';
}

const BASE_HEAD = `[Unit]
Description=Generated gunicorn unit
After=network.target

[Service]
Type=notify
ExecStart=/usr/bin/env gunicorn --workers 2 app:app
`;
const BASE_TAIL = `
[Install]
WantedBy=multi-user.target
`;

/** [key, value] pairs placed in [Service]. */
const SERVICE_VALUES: [string, string][] = [
  ['PrivateTmp', 'yes'], ['PrivateTmp', 'TRUE'], ['PrivateTmp', 'maybe'], ['PrivateTmp', ''], ['PrivateTmp', 'off'],
  ['NoNewPrivileges', '1'], ['NoNewPrivileges', 'enable'],
  ['TimeoutStopSec', '90'], ['TimeoutStopSec', '1min 30s'], ['TimeoutStopSec', '1m30'], ['TimeoutStopSec', 'infinity'],
  ['TimeoutStopSec', '5 parsecs'], ['TimeoutStopSec', '-1'], ['TimeoutStopSec', ''], ['TimeoutStartSec', '2.5min'],
  ['RestartSec', '500ms'], ['RestartSec', '100 us'], ['RestartSec', 'soon'], ['RestartSec', '1h 2m 3s 4ms'],
  ['Restart', 'always'], ['Restart', 'on-failure'], ['Restart', 'Always'], ['Restart', 'sometimes'], ['Restart', ''],
  ['Type', 'simple'], ['Type', 'notify-reload'], ['Type', 'daemon'], ['Type', 'exec'],
  ['KillMode', 'mixed'], ['KillMode', 'all'], ['KillMode', 'control-group'], ['KillMode', ''],
  ['NotifyAccess', 'main'], ['NotifyAccess', 'everyone'], ['NotifyAccess', 'all'],
  ['ProtectSystem', 'strict'], ['ProtectSystem', 'full'], ['ProtectSystem', 'yes'], ['ProtectSystem', 'total'],
  ['LimitNOFILE', '65536'], ['LimitNOFILE', 'infinity'], ['LimitNOFILE', '1024:65536'], ['LimitNOFILE', '65536:1024'],
  ['LimitNOFILE', '1K'], ['LimitNOFILE', '-1'], ['LimitNOFILE', ''], ['LimitCORE', '1G'], ['LimitCORE', 'lots'],
  ['LimitCPU', '10min'], ['LimitNPROC', '512:infinity'],
  ['KillSignal', 'SIGTERM'], ['KillSignal', 'TERM'], ['KillSignal', '15'], ['KillSignal', 'sigterm'], ['KillSignal', 'SIGFOO'],
  ['KillSignal', 'SIGRTMIN+3'], ['KillSignal', ''], ['RestartKillSignal', 'SIGQUIT'],
  ['UMask', '0027'], ['UMask', '00027'], ['UMask', '10000'], ['RuntimeDirectoryMode', '0750'], ['RuntimeDirectoryMode', '0o750'], ['RuntimeDirectoryMode', '999'],
  ['RuntimeDirectory', 'myapp'], ['RuntimeDirectory', '/run/myapp'], ['StateDirectory', 'myapp other'],
  ['WorkingDirectory', '/srv/app'], ['WorkingDirectory', '-/srv/app'], ['WorkingDirectory', '~'],
  ['EnvironmentFile', '/etc/app.env'], ['EnvironmentFile', '-/etc/app.env'], ['EnvironmentFile', 'app.env'],
  ['Environment', 'A=1 B=2'], ['Environment', '"A=hello world"'], ['Environment', 'A=1 BAD'], ['Environment', '1A=x'],
  ['Environment', ''], ['MemoryMax', '1G'], ['MemoryMax', '50%'], ['MemoryMax', 'lots'], ['MemoryMax', 'infinity'],
  ['TasksMax', '100'], ['CPUQuota', '50%'],
  ['Restartt', 'always'], ['execstart', '/bin/true'], ['X-Custom', 'anything'], ['SocketUser', 'www-data'],
  ['ListenStream', '/run/app.sock'], ['WantedBy', 'multi-user.target'], ['Description', 'in the wrong place'],
  ['RestartSec', ''], ['TimeoutStartSec', ''], ['RuntimeMaxSec', ''], ['WatchdogSec', ''], ['NotifyAccess', ''],
  ['ProtectSystem', ''], ['ProtectHome', ''], ['UMask', ''], ['Nice', ''], ['OOMPolicy', ''], ['ExitType', ''],
  ['TimeoutStopFailureMode', ''], ['RestartPreventExitStatus', ''], ['User', ''], ['WorkingDirectory', ''],
  ['RuntimeDirectory', ''], ['EnvironmentFile', ''], ['SendSIGKILL', ''], ['KeyringMode', ''], ['DevicePolicy', ''],
  ['MemoryMax', ''], ['TasksMax', ''], ['LimitCORE', ''], ['StartLimitBurst', ''], ['FileDescriptorStoreMax', ''],
  ['CollectMode', ''], ['UtmpMode', ''], ['ProcSubset', ''], ['ProtectProc', ''], ['RuntimeDirectoryPreserve', ''],
  ['ManagedOOMSwap', ''], ['ManagedOOMSwap', 'kill'], ['ProcSubset', 'pid'], ['UtmpMode', 'bogus'],
  ['ExecReload', '/bin/kill -s HUP $MAINPID'], ['ExecStartPre', '-/bin/true'], ['ExecStopPost', '+/bin/true %n'],
  // Sizes chain falling units; suffixes are single upper-case letters.
  ['MemoryMax', '1G 512M'], ['MemoryMax', '1G512M'], ['MemoryMax', '1GB'], ['MemoryMax', '512B'], ['LimitAS', '1G512M'],
  // Parsers with rules of their own (parserChecks.ts).
  ['Nice', '-20'], ['Nice', '+5'], ['Nice', '20'], ['Nice', '-21'], ['Nice', 'abc'], ['Nice', ''],
  ['OOMScoreAdjust', '-1000'], ['OOMScoreAdjust', '1001'], ['OOMScoreAdjust', ''],
  ['CPUWeight', 'idle'], ['CPUWeight', '10000'], ['CPUWeight', '0'], ['CPUWeight', '10001'], ['CPUWeight', ''],
  ['IOWeight', '1'], ['IOWeight', '0'], ['StartupIOWeight', '10001'],
  ['StandardOutput', 'journal'], ['StandardOutput', 'append:/var/log/app.log'], ['StandardOutput', 'file:relative'],
  ['StandardOutput', 'fd:app'], ['StandardOutput', 'bogus'], ['StandardOutput', ''], ['StandardError', 'journal+console'],
  ['ReadWritePaths', '-/tmp/x +/var/y'], ['ReadWritePaths', '-+/a'], ['ReadWritePaths', '+-/a'], ['ReadWritePaths', '%S/app'],
  ['ReadWritePaths', '/a relative'], ['ReadOnlyPaths', '~'], ['InaccessiblePaths', '-relative'], ['ReadWritePaths', ''],
  ['Slice', 'app.slice'], ['Slice', 'my-app.slice'], ['Slice', 'app.service'], ['Slice', ''], ['Slice', 'a b.slice'],
  // Specifiers in environment variable names: systemd expands them first, then judges the name.
  ['Environment', 'X%b=%U'], ['Environment', '_%b=1'], ['Environment', 'X%%=1'], ['Environment', '1%b=x'], ['Environment', 'X-%b=1'],
  // Ranged integers (systemd 252's parsers); integers are read with base 0 (0x10, 07, +5).
  ['CPUSchedulingPriority', '0'], ['CPUSchedulingPriority', '99'], ['CPUSchedulingPriority', '100'], ['CPUSchedulingPriority', '-1'],
  ['CPUSchedulingPriority', ''], ['CPUSchedulingPriority', '0x10'], ['CPUSchedulingPriority', 'x'],
  ['IOSchedulingPriority', '7'], ['IOSchedulingPriority', '8'], ['IOSchedulingPriority', ''],
  ['BlockIOWeight', '10'], ['BlockIOWeight', '9'], ['StartupBlockIOWeight', '1000'], ['StartupBlockIOWeight', '1001'],
  ['CPUShares', '1024'], ['StartupCPUShares', '262145'], ['MemoryLimit', '1G'],
  ['Nice', '0x5'], ['Nice', '08'], ['OOMScoreAdjust', '+5'], ['CPUWeight', '0x10'],
  ['StartLimitBurst', '+5'], ['StartLimitBurst', '0x10'], ['StartLimitBurst', '-1'], ['StartLimitBurst', '08'],
  ['LimitNICE', '+19'], ['LimitNICE', '-21'], ['LimitNICE', '40'], ['LimitNICE', '41'], ['LimitNICE', '-20:+19'],
  ['SuccessExitStatus', '255 TERM'], ['SuccessExitStatus', '256'], ['RestartPreventExitStatus', '300'],
  // RestrictNamespaces=: one unknown type drops the list; `~` inverts it.
  ['RestrictNamespaces', '~mnt usr'], ['RestrictNamespaces', '~mnt user'], ['RestrictNamespaces', '~'], ['RestrictNamespaces', '~yes'],
  ['RestrictNamespaces', 'no'], ['RestrictNamespaces', 'MNT'], ['RestrictNamespaces', 'cgroup ipc net mnt pid user uts'],
  // Escapes: Exec lines keep an unknown one with a warning; Environment= drops the rest of the line.
  ['ExecStartPre', '/bin/echo a\\qb'], ['ExecStartPre', '/bin/echo a\\\\qb'], ['ExecStartPre', '/bin/echo "a\\-b"'],
  ['ExecStartPre', "/bin/echo 'a\\q'"], ['ExecStartPre', '/bin/echo \\x41 \\101 \\u00e9 \\s \\t'], ['ExecStartPre', '/bin/echo \\x00'],
  ['ExecStartPre', '/bin/echo \\U0000d800'], ['ExecStartPre', '/bin/echo \\U0001f600'], ['ExecStartPre', '/bin/true \\; /bin/true'],
  ['ExecStartPre', '/bin/echo a\\;'], ['ExecStartPre', '/bin/echo \\777'], ['ExecStartPre', '/bin/echo \\177'],
  ['Environment', 'A=\\q'], ['Environment', 'A=\\x41'], ['Environment', 'A=1 B=\\-'],
  // Paths systemd insists are absolute, and other parsers with rules of their own.
  ['TTYPath', '/dev/tty1'], ['TTYPath', 'tty1'], ['RootDirectory', '%t/root'], ['RootDirectory', 'root'],
  ['ExecSearchPath', '/usr/bin:/bin'], ['ExecSearchPath', '/usr/bin:bin'], ['TemporaryFileSystem', '/var:ro'], ['TemporaryFileSystem', 'var:ro'],
  ['BindPaths', '-/a:/b:rbind'], ['BindPaths', '/a:b'], ['BindReadOnlyPaths', 'a'],
  ['StandardInput', 'tty-fail'], ['StandardInput', 'file:/dev/null'], ['StandardInput', 'file:null'], ['StandardInput', 'keyboard'], ['StandardInput', ''],
  ['IOSchedulingClass', 'best-effort'], ['IOSchedulingClass', '3'], ['IOSchedulingClass', 'besteffort'], ['IOSchedulingClass', '-1'],
  ['CPUSchedulingPolicy', 'rr'], ['CPUSchedulingPolicy', 'round-robin'], ['Sockets', 'app.socket'], ['Sockets', 'app.service'],
  ['MountAPIVFS', ''], ['MountAPIVFS', 'maybe'], ['PrivateMounts', 'yes'],
  ['User', 'www-data'], ['User', '1234'], ['User', '-x'], ['User', '-1'], ['User', 'a:b'], ['User', '65535'], ['Group', '..'],
  ['SupplementaryGroups', 'adm -1'], ['SupplementaryGroups', 'adm www-data'],
  ['PassEnvironment', 'LANG TERM'], ['PassEnvironment', 'A=1'], ['UnsetEnvironment', 'A=1 B'], ['UnsetEnvironment', '1A'],
  ['SuccessExitStatus', 'SUCCESS TERM SIGKILL 0'], ['SuccessExitStatus', 'sigterm'], ['SuccessExitStatus', '77x'],
  ['LogLevelMax', 'info'], ['LogLevelMax', '7'], ['LogLevelMax', '8'], ['LogLevelMax', 'warn'], ['SyslogLevel', ''],
  ['CPUAffinity', '0-3 5,7'], ['CPUAffinity', '0x1'], ['CPUAffinity', 'numa'], ['CPUAffinity', '3-1'], ['CPUAffinity', '0-'], ['CPUAffinity', 'all'],
];

/** [key, value] pairs placed in [Unit]. */
const UNIT_VALUES: [string, string][] = [
  ['Documentation', 'man:gunicorn(1) https://docs.gunicorn.org/'], ['Documentation', 'man:'], ['Documentation', 'docs.gunicorn.org'],
  ['Documentation', 'file:/usr/share/doc/app'], ['Documentation', 'file:doc'], ['Documentation', 'HTTP://example.com'],
  ['ConditionPathExists', '|!/etc/app.conf'], ['ConditionPathExists', '!|/etc/app.conf'], ['ConditionPathExists', 'etc/app.conf'],
  ['ConditionPathExists', '/etc/../app.conf'], ['AssertPathIsDirectory', '/srv/app'], ['RequiresMountsFor', '/srv /var/lib/app'],
  ['RequiresMountsFor', '/srv app'], ['SuccessAction', 'none'], ['SuccessAction', 'exit-force'], ['SuccessAction', ''], ['FailureAction', 'explode'],
  ['JobTimeoutSec', '30min'], ['JobTimeoutSec', ''],
];

/** Whole-unit variations: syntax, sections, continuations. */
const SHAPES: [string, string][] = [
  ['outside-section', 'Description=before any section\n' + BASE_HEAD + BASE_TAIL],
  ['missing-equals', BASE_HEAD + 'PrivateTmp\n' + BASE_TAIL],
  ['missing-key', BASE_HEAD + '=yes\n' + BASE_TAIL],
  ['unknown-section', BASE_HEAD + '\n[Servic]\nRestart=always\n' + BASE_TAIL],
  ['x-section', BASE_HEAD + '\n[X-Meta]\nOwner=team\nnonsense line\n' + BASE_TAIL],
  ['socket-section-in-service', BASE_HEAD + '\n[Socket]\nListenStream=/run/x.sock\n' + BASE_TAIL],
  ['continuation', BASE_HEAD + 'Environment=A=1 \\\n  # skipped comment\n  B=2\n' + BASE_TAIL],
  ['continuation-bad', BASE_HEAD + 'TimeoutStopSec=1min \\\n  30 parsecs\n' + BASE_TAIL],
  ['comments', '# leading comment\n; another\n' + BASE_HEAD + '  # indented comment\nPrivateTmp = yes \n' + BASE_TAIL],
  ['header-spaces', BASE_HEAD.replace('[Service]', '  [Service]  ') + BASE_TAIL],
  ['crlf', (BASE_HEAD + 'Restart=always\n' + BASE_TAIL).replace(/\n/g, '\r\n')],
  ['bom', '\ufeff' + BASE_HEAD + BASE_TAIL],
  // systemd names the last physical line of a continued assignment.
  ['continued-unknown', BASE_HEAD + 'Foo=a \\\n  b\n' + BASE_TAIL],
  ['continued-env', BASE_HEAD + 'Environment=A=1 \\\n  1B=2 \\\n  C=3\n' + BASE_TAIL],
  ['continued-env-ok', BASE_HEAD + 'Environment=A=1 \\\n  B=2 \\\n  C=3\n' + BASE_TAIL],
  ['continued-escape', BASE_HEAD + 'ExecStartPre=/bin/echo a \\\n  b\\q\n' + BASE_TAIL],
  ['continued-escape-ok', BASE_HEAD + 'ExecStartPre=/bin/echo a \\\n  b\\\\q\n' + BASE_TAIL],
  ['continued-range', BASE_HEAD + 'CPUSchedulingPriority=\\\n  100\n' + BASE_TAIL],
  ['continued-comment', BASE_HEAD + 'Nice=1 \\\n# between\n  2\n' + BASE_TAIL],
];

/** Units written in latin1, so that `\xe9` is a byte that is not UTF-8 (systemd fails to load the unit). */
const LATIN1_SHAPES: [string, string][] = [
  ['not-utf8', BASE_HEAD + 'Environment=NAME=caf\xe9\n' + BASE_TAIL],
  ['not-utf8-continued', BASE_HEAD + 'Environment=A=1 \\\n  NAME=caf\xe9\n' + BASE_TAIL],
  ['not-utf8-comment', BASE_HEAD + '# caf\xe9 in a comment is fine\n' + BASE_TAIL],
  ['not-utf8-ascii', BASE_HEAD + 'Environment=NAME=cafe\n' + BASE_TAIL],
];

const SOCKET_VALUES: [string, string][] = [
  ['ListenStream', '/run/myapp.sock'], ['ListenStream', '8000'], ['SocketMode', '0660'], ['SocketMode', 'rw'],
  ['SocketUser', 'www-data'], ['Accept', 'no'], ['Accept', 'maybe'], ['Backlog', '128'], ['Backlog', 'many'],
  ['Service', 'myapp.service'], ['Restart', 'always'], ['KillMode', 'mixed'], ['Timestamping', ''], ['Timestamping', 'us'],
  ['SocketMode', ''], ['Backlog', ''], ['Accept', ''], ['TimeoutSec', ''],
  ['Priority', '0x10'], ['Priority', '-5'], ['Priority', ''], ['Priority', '2147483648'], ['Mark', 'x'], ['Backlog', '+5'], ['Backlog', '-1'],
  ['ReceiveBuffer', '8M'], ['ReceiveBuffer', '8MB'], ['ReceiveBuffer', ''], ['Symlinks', '/run/alias.sock'], ['Symlinks', 'alias.sock'],
  ['Service', 'app@1.service'], ['Service', 'app@.service'], ['Service', 'app.socket'], ['ListenFIFO', '/run/app.fifo'], ['ListenFIFO', 'app.fifo'],
];

export function generatedUnits(): GeneratedUnit[] {
  const units: GeneratedUnit[] = [];
  SERVICE_VALUES.forEach(([key, value], i) => {
    units.push({ name: `gen-${String(i).padStart(3, '0')}.service`, text: `${BASE_HEAD}${key}=${value}\n${BASE_TAIL}` });
  });
  UNIT_VALUES.forEach(([key, value], i) => {
    units.push({ name: `unit-${String(i).padStart(3, '0')}.service`, text: BASE_HEAD.replace('[Service]', `${key}=${value}\n\n[Service]`) + BASE_TAIL });
  });
  SHAPES.forEach(([name, text]) => units.push({ name: `shape-${name}.service`, text }));
  LATIN1_SHAPES.forEach(([name, text]) => units.push({ name: `shape-${name}.service`, text, encoding: 'latin1' }));
  // The same value in UTF-8 is fine.
  units.push({ name: 'shape-utf8.service', text: BASE_HEAD + 'Environment=NAME=caf\u00e9\n' + BASE_TAIL });
  SOCKET_VALUES.forEach(([key, value], i) => {
    units.push({
      name: `sock-${String(i).padStart(3, '0')}.socket`,
      text: `[Unit]\nDescription=Generated socket\n\n[Socket]\nListenStream=/run/gen.sock\n${key}=${value}\n\n[Install]\nWantedBy=sockets.target\n`,
    });
  });
  return units;
}
