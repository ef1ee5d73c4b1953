/**
 * The shape of gunicorn knowledge. Facts (names, defaults, flags, validators, versions) come from the upstream
 * sources via ../shared/reference; the prose (summary, docs, example) is ours.
 */

/** How gunicorn validates a value, named after its validator in gunicorn/config.py. */
export type GunicornValueKind =
  | 'bool' // validate_bool
  | 'pos_int' // validate_pos_int (also auto_int such as umask, which accepts 0o22)
  | 'int' // plain int (no validator beyond int())
  | 'float'
  | 'string' // validate_string
  | 'string_list' // validate_list_string: list of str, or one str
  | 'comma_list' // validate_string_to_list
  | 'addr_list' // validate_string_to_addr_list: IPs/CIDRs or '*'
  | 'dict' // validate_dict
  | 'class' // validate_class: worker or logger class
  | 'user' // validate_user
  | 'group' // validate_group
  | 'chdir' // validate_chdir
  | 'file' // validate_file_exists
  | 'files_or_patterns' // validate_list_of_files_or_patterns
  | 'hostport' // validate_statsd_address
  | 'enum' // a fixed set of string values (see `values`)
  | 'callable' // hooks: validate_callable(N) / validate_post_request
  | 'range_int' // validate_http2_frame_size
  | 'any'; // validate_ssl_version and similar

export interface GunicornSetting {
  name: string;
  /** Section of the upstream settings page ("Worker Processes", "Server Hooks", ...). */
  section: string;
  /** The upstream validator, verbatim: `validate_pos_int`, `validate_callable(2)`. */
  validator: string;
  kind: GunicornValueKind;
  /** Command-line flags, long and short: ["-w", "--workers"]; [] for config-file-only settings. */
  cli: string[];
  /** argparse metavar (INT, STRING, ...), when the flag takes a value. */
  meta?: string;
  /** argparse action for value-less flags: store_true / store_false / store_const. */
  action?: string;
  /** The default as a JSON value, when it is a literal. */
  default?: unknown;
  /** The default exactly as written upstream (`int(os.environ.get("WEB_CONCURRENCY", 1))`). */
  defaultSource: string;
  /** Environment variable read by the default (WEB_CONCURRENCY, FORWARDED_ALLOW_IPS, PORT...), if any. */
  envVar?: string;
  /** Enumerated or meaningful values (log levels, reload engines, short worker names). */
  values?: string[];
  /** True when `values` is the complete set gunicorn accepts (so others are invalid). */
  valuesExhaustive?: boolean;
  /** For hooks: the accepted positional parameter counts (post_request accepts 2, 3 or 4). */
  hookArity?: number[];
  /** For hooks: the parameter names of the documented signature, e.g. ["server", "worker"]. */
  hookParams?: string[];
  /** For range_int: inclusive bounds. */
  range?: [number, number];
  /** First release that has the setting ("19.0", "24.1.0"). */
  added: string;
  /** First release without it, for removed settings. */
  removed?: string;
  /** One line, our words. */
  summary: string;
  /** Markdown, our words: what it does, when to change it, what goes wrong. */
  docs: string;
  /** A short gunicorn.conf.py example line or block. */
  example?: string;
  /** The upstream settings page anchor. */
  url: string;
  /** Added by the knowledge slice: the value is a comma-separated list of `values` (http_protocols: `h2,h1`). */
  valueIsList?: boolean;
  /** Added by the knowledge slice: a Python bool is accepted besides `values` (proxy_protocol, http2_cleartext). */
  acceptsBool?: boolean;
}

export interface AccessLogAtom {
  /** `h`, `r`, `{header}i`, ... */
  atom: string;
  /** For the parametrised atoms `{header}i`, `{header}o`, `{variable}e`: the suffix letter. */
  suffix?: 'i' | 'o' | 'e';
  summary: string;
  docs: string;
  added: string;
}

export interface WorkerClass {
  /** Short name (`gevent`) or dotted path (`uvicorn_worker.UvicornWorker`). */
  name: string;
  classPath: string;
  /** PyPI distribution names that must be installed (normalised as pip does): ["gevent"]. */
  packages: string[];
  /** The gunicorn extra that pulls them in, if any: `gunicorn[gevent]`. */
  extra?: string;
  added?: string;
  /** First gunicorn release without it (eventlet: 26.0.0). */
  removed?: string;
  /** Deprecated, with the replacement to use. */
  deprecated?: { since: string; replacement: string; note: string };
  /** Serves ASGI apps (uvicorn workers, gunicorn's asgi worker). */
  asgi: boolean;
  /** Cooperative (gevent/eventlet/tornado/asgi): uses worker_connections, needs monkey-patching or an event loop. */
  async: boolean;
  /** Part of gunicorn itself (a short name) rather than a third-party class. */
  builtin: boolean;
  summary: string;
  docs: string;
}
