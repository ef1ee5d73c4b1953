/** Command-line arguments of gunicorn-lint, exactly as design.md's contract. */
import type { SeveritySetting } from '../core/findings';
import { versionOutOfRange } from './versions';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  /** `--map FORMAT`: print the deployment map instead of findings. */
  map?: 'mermaid' | 'dot' | 'json';
  format: OutputFormat;
  fix: boolean;
  maxWarnings: number | undefined;
  rules: Record<string, SeveritySetting>;
  gunicornVersion?: string;
  nginxVersion?: string;
  systemdVersion?: string;
  explain?: string;
  exitZero: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

export const USAGE = `Usage: gunicorn-lint [PATH ...] [options]

Lints a Gunicorn deployment: gunicorn.conf.py, gunicorn command lines, systemd units, nginx configs.
PATH is a folder (walked like an editor workspace) or files; no PATH means the current folder.

Options:
  --format text|json|sarif     output format (default: text)
  --fix                        apply every safe fix, then report what is left
  --max-warnings N             exit 1 when there are more than N warnings
  --rule ID=off|info|warning|error
                               set a check's severity (repeatable)
  --gunicorn-version X.Y       the gunicorn version in use (default: the requirements pin, else the newest)
  --nginx-version X.Y          the nginx version in use (default: the newest)
  --systemd-version N          the systemd version in use (default: the newest)
  --explain ID                 describe a check and exit
  --map mermaid|dot|json       print the folder's deployment map instead of findings
  --exit-zero                  exit 0 even when errors are found
  -h, --help                   show this help
  -v, --version                show the version

Exit status: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 bad usage or an internal failure.`;

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { paths: [], format: 'text', fix: false, maxWarnings: undefined, rules: {}, exitZero: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
        options.format = format;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '--max-warnings': {
        const text = value();
        if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings takes a whole number, not "${text}"`);
        options.maxWarnings = Number(text);
        break;
      }
      case '--rule': {
        const text = value();
        const match = /^([^=]+)=(.*)$/.exec(text);
        if (!match || !SEVERITIES.has(match[2])) throw new UsageError(`--rule takes ID=off|info|warning|error, not "${text}"`);
        options.rules[match[1]] = match[2] as SeveritySetting;
        break;
      }
      case '--gunicorn-version':
        options.gunicornVersion = versionValue(name, value());
        break;
      case '--nginx-version':
        options.nginxVersion = versionValue(name, value());
        break;
      case '--systemd-version':
        options.systemdVersion = versionValue(name, value());
        break;
      case '--map': {
        const map = value();
        if (map !== 'mermaid' && map !== 'dot' && map !== 'json') throw new UsageError(`unknown map format "${map}" (mermaid, dot or json)`);
        options.map = map;
        break;
      }
      case '--explain':
        options.explain = value();
        break;
      case '--exit-zero':
        options.exitZero = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '-v':
      case '--version':
        options.version = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  return options;
}

function versionValue(flag: string, text: string): string {
  if (!/^\d+(\.\d+){0,2}$/.test(text)) throw new UsageError(`${flag} takes a version such as 23.0, not "${text}"`);
  const outOfRange = versionOutOfRange(flag, text);
  if (outOfRange) throw new UsageError(outOfRange);
  return text;
}
