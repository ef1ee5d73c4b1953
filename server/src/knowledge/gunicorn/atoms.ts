/**
 * Access log atoms: the keys usable in `access_log_format` as `%(key)s`. Facts from
 * ../shared/reference/gunicorn-access-log-atoms.json (gunicorn/glogging.py); the prose is ours.
 */
import type { AccessLogAtom } from './types';

/** gunicorn's default `access_log_format` (the Apache "combined" layout). */
export const DEFAULT_ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"';

export const ACCESS_LOG_ATOMS: readonly AccessLogAtom[] = [
  {
    atom: 'h',
    summary: 'Client address as the worker saw it.',
    docs: 'The peer address of the connection. Behind nginx or a load balancer this is the proxy, not the visitor; log `%({x-forwarded-for}i)s` too if you need the original client.',
    added: '19.0',
  },
  {
    atom: 'l',
    summary: 'Placeholder column; always a dash.',
    docs: 'Kept only so the line lines up with the Apache common log layout, where this column once held an identd answer. It never carries data.',
    added: '19.0',
  },
  {
    atom: 'u',
    summary: 'User name from HTTP Basic authentication, or a dash.',
    docs: 'Decoded from an `Authorization: Basic` header when the request has one. Apps that authenticate with cookies or bearer tokens always show a dash here.',
    added: '19.0',
  },
  {
    atom: 't',
    summary: 'When the request was logged, in square brackets, Apache style.',
    docs: "A timestamp such as `[10/Oct/2024:13:55:36 +0000]` in the server's local time zone. Log shippers that expect ISO 8601 need a parsing rule for it.",
    added: '19.0',
  },
  {
    atom: 'r',
    summary: 'The request line: method, path with query, protocol.',
    docs: 'For example `GET /search?q=x HTTP/1.1`. It includes the query string, so secrets passed in URLs end up in the log.',
    added: '19.0',
  },
  {
    atom: 's',
    summary: 'HTTP status code of the response.',
    docs: 'The numeric status sent to the client, such as `200` or `502`. A worker killed for timing out never logs its request at all.',
    added: '19.0',
  },
  {
    atom: 'm',
    summary: 'Request method alone.',
    docs: '`GET`, `POST` and so on, without the rest of the request line; handy for structured (JSON-style) formats.',
    added: '19.4',
  },
  {
    atom: 'U',
    summary: 'Path without the query string.',
    docs: 'The URL path (PATH_INFO) only. Use it instead of `r` when query strings may hold tokens you do not want stored.',
    added: '19.4',
  },
  {
    atom: 'q',
    summary: 'Query string alone.',
    docs: 'Everything after `?`, empty when there is none. Consider whether it can contain personal data before logging it.',
    added: '19.4',
  },
  {
    atom: 'H',
    summary: 'Protocol of the request, such as HTTP/1.1.',
    docs: 'The SERVER_PROTOCOL value the worker parsed. Useful to spot clients still speaking HTTP/1.0 through a proxy.',
    added: '19.4',
  },
  {
    atom: 'b',
    summary: 'Response size in bytes, or a dash when unknown.',
    docs: 'The body length gunicorn sent; shows `-` when nothing is known, which keeps Apache-style parsers happy.',
    added: '19.0',
  },
  {
    atom: 'B',
    summary: 'Response size in bytes, as a number (None when unknown).',
    docs: 'Like `b` but without the dash substitution, so a missing size prints `None`. Prefer `b` for Apache-compatible logs.',
    added: '19.4',
  },
  {
    atom: 'f',
    summary: 'The Referer request header, or a dash.',
    docs: 'The page that linked to this URL, as the browser claims it. It may include full URLs with query strings from other sites.',
    added: '19.0',
  },
  {
    atom: 'a',
    summary: 'The User-Agent request header, or a dash.',
    docs: 'What the client says it is. Free text from the client: quote it in the format (the default does) so spaces do not break column parsing.',
    added: '19.0',
  },
  {
    atom: 'T',
    summary: 'Time taken to serve the request, whole seconds.',
    docs: 'Truncated to seconds, so nearly every request shows 0. Use `D`, `M` or `L` for latency monitoring.',
    added: '19.0',
  },
  {
    atom: 'D',
    summary: 'Time taken to serve the request, in microseconds.',
    docs: 'An integer number of microseconds from the start of handling to the end of the response; the most precise duration atom.',
    added: '19.0',
  },
  {
    atom: 'M',
    summary: 'Time taken to serve the request, in milliseconds (20.1.0+).',
    docs: 'An integer number of milliseconds. Not available before gunicorn 20.1.0, where it would silently print a dash.',
    added: '20.1.0',
  },
  {
    atom: 'L',
    summary: 'Time taken to serve the request, decimal seconds.',
    docs: 'Seconds with six decimal places, such as `0.012345`; convenient for tools that want seconds but need sub-second precision.',
    added: '19.0',
  },
  {
    atom: 'p',
    summary: 'Process id of the worker that handled the request, as <PID>.',
    docs: 'Written in angle brackets. Lets you correlate a request with a worker that later timed out or was recycled.',
    added: '19.0',
  },
  {
    atom: '{header}i',
    suffix: 'i',
    summary: 'Any request header, named in the braces.',
    docs: 'For example `%({x-forwarded-for}i)s` or `%({x-request-id}i)s`. The name is matched case-insensitively; a header that is absent prints a dash.',
    added: '19.0',
  },
  {
    atom: '{header}o',
    suffix: 'o',
    summary: 'Any response header, named in the braces.',
    docs: 'For example `%({content-type}o)s`. Matched case-insensitively; a header the app did not send prints a dash.',
    added: '19.0',
  },
  {
    atom: '{variable}e',
    suffix: 'e',
    summary: 'Any WSGI environ value, named in the braces.',
    docs: 'For example `%({remote_port}e)s` or a key your middleware adds. Matched case-insensitively; missing keys print a dash.',
    added: '19.7.0',
  },
];

/**
 * The atom for a format key: `h` (case-sensitive, `H` is a different atom) or a parametrised key such as
 * `{X-Forwarded-For}i`, `{content-type}o`, `{remote_addr}e`. A `%(...)s` wrapper is accepted too.
 * Undefined for keys gunicorn does not know (it would print a dash for them).
 */
export function atomNamed(key: string): AccessLogAtom | undefined {
  const wrapped = /^%\((.*)\)[a-z]$/is.exec(key);
  const bare = wrapped ? wrapped[1] : key;
  const parametrised = /^\{[^{}]+\}([ioe])$/.exec(bare);
  if (parametrised) return ACCESS_LOG_ATOMS.find((atom) => atom.suffix === parametrised[1]);
  return ACCESS_LOG_ATOMS.find((atom) => atom.suffix === undefined && atom.atom === bare);
}
