/**
 * Directives of widespread third-party modules (OpenResty, headers-more, brotli, ...). nginx itself would call
 * them unknown unless the module is loaded; a config that uses them almost always loads them, so we stay quiet.
 */

const THIRD_PARTY_PREFIXES = [
  'lua_',
  'more_',
  'brotli',
  'vhost_traffic_status',
  'pagespeed',
  'passenger_',
  'geoip2',
  'modsecurity',
  'echo',
  'srcache_',
  'redis2_',
  'redis_',
  'memc_',
  'rds_',
  'postgres_',
  'drizzle_',
  'array_',
  'encrypted_session',
  'form_input',
  'headers_more',
  'upload_progress',
  'track_uploads',
  'report_uploads',
  'upload_',
  'auth_jwt',
  'auth_ldap',
  'ldap_',
  'sticky',
  'njs',
  'js_',
  'ngx_cache_purge',
  'cache_purge',
  'push_stream',
  'nchan_',
  'rtmp',
  'zstd',
  'fancyindex',
  'dav_ext',
  'image_filter_',
  'naxsi',
  'testcookie',
  'access_by_',
  'ssl_certificate_by_',
  'xss_',
  'iconv',
  'replace_filter',
  'subs_filter',
  'substitutions_filter',
  'vts_',
  'otel_',
  'opentelemetry',
  'opentracing',
  'healthcheck',
  'check_',
  'keyval',
  'lua',
  'content_by_',
  'rewrite_by_',
  'header_filter_by_',
  'body_filter_by_',
  'log_by_',
  'balancer_by_',
  'init_by_',
  'init_worker_by_',
  'set_by_',
  'server_rewrite_by_',
  'exit_worker_by_',
  'ssl_client_hello_by_',
];

const THIRD_PARTY_NAMES = new Set([
  'check',
  'set_escape_uri',
  'set_unescape_uri',
  'set_md5',
  'set_sha1',
  'set_secure_random_alphanum',
  'set_if_empty',
  'set_quote_sql_str',
  'set_encode_base64',
  'set_decode_base64',
  'rtmp',
  'echo',
  'upstream_fair',
  'fair',
  'jdomain',
  'dynamic_upstream',
]);

/**
 * Names a third-party module shares with a later nginx, and the first arguments only nginx's own directive takes:
 * nginx's `sticky cookie|route|learn` (1.29.6) against nginx-sticky-module's `sticky [name=...]`.
 */
const NGINX_OWN_FORMS: Record<string, readonly string[]> = { sticky: ['cookie', 'route', 'learn'] };

/** The directive is written in the form of nginx's own module, not of the third-party module of that name. */
export function isNginxOwnForm(name: string, firstArgument: string | undefined): boolean {
  return firstArgument !== undefined && !!NGINX_OWN_FORMS[name]?.includes(firstArgument);
}

export function isThirdPartyDirective(name: string): boolean {
  if (THIRD_PARTY_NAMES.has(name)) return true;
  if (/_by_lua(_block|_file)?$/.test(name)) return true;
  return THIRD_PARTY_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Blocks whose bodies nginx hands to a module's own parser: their lines are data, not directives. */
const FREEFORM_BLOCKS = new Set(['map', 'types', 'geo', 'split_clients', 'charset_map', 'match', 'perl_set']);

export function isFreeformBlock(name: string): boolean {
  return FREEFORM_BLOCKS.has(name) || /_by_lua_block$/.test(name);
}
