/** gunicorn-lint: the command-line front door. Parses arguments, lints, prints, and sets the exit status. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, ruleMeta } from '../service/formats';
import { docsUrl } from '../core/rule';
import { productVersion } from '../core/productVersion';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { lint, type LintProblems } from './lint';
import { printMap } from './map';
import { counts } from './report';
import { escapeControl } from './formatText';

export async function run(
  argv: readonly string[],
  cwd: string,
  write: (text: string) => void,
  writeError: (text: string) => void,
  isTTY: boolean,
): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      writeError(`gunicorn-lint: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    write(USAGE + '\n');
    return 0;
  }
  if (options.version) {
    write(`gunicorn-lint ${productVersion()}\n`);
    return 0;
  }
  if (options.explain !== undefined) return explain(options.explain, write, writeError);
  if (options.map) return printMap(options.map, options.paths, cwd, { rules: options.rules, gunicornVersion: options.gunicornVersion }, write, writeError);

  const unknownRules = Object.keys(options.rules).filter((id) => !ruleMeta(id));
  if (unknownRules.length > 0) {
    writeError(`gunicorn-lint: unknown check id ${unknownRules.join(', ')} (see --explain)\n`);
    return 2;
  }
  let report;
  const problems: LintProblems = { failures: [], warnings: [] };
  try {
    report = await lint(
      options.paths,
      cwd,
      {
        rules: options.rules,
        gunicornVersion: options.gunicornVersion,
        nginxVersion: options.nginxVersion,
        systemdVersion: options.systemdVersion,
      },
      options.fix,
      problems,
    );
  } catch (error) {
    writeError(`gunicorn-lint: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (options.format === 'json') write(formatJson(report));
  else if (options.format === 'sarif') write(formatSarif(report, allRules(), productVersion()));
  else write(formatText(report, { color: isTTY && !process.env.NO_COLOR }));

  for (const warning of problems.warnings) writeError(`gunicorn-lint: warning: ${escapeControl(warning)}\n`);
  // Whatever the findings say, a run that could not read a file or whose own parts failed is not a clean run.
  for (const failure of problems.failures) writeError(`gunicorn-lint: error: ${escapeControl(failure)}\n`);
  if (problems.failures.length > 0) return 2;

  const c = counts(report.diagnostics);
  const failed = c.error > 0 || (options.maxWarnings !== undefined && c.warning > options.maxWarnings);
  return failed && !options.exitZero ? 1 : 0;
}

function explain(id: string, write: (text: string) => void, writeError: (text: string) => void): number {
  const rule = ruleMeta(id);
  if (!rule) {
    writeError(
      `gunicorn-lint: no check named "${id}". Checks:\n${allRules()
        .map((r) => `  ${r.id}`)
        .join('\n')}\n`,
    );
    return 2;
  }
  const page = findDocsPage(id);
  write(page ?? `${rule.id} (${rule.severity})\n\n${rule.summary}\n`);
  write(`\nDocumentation: ${docsUrl(rule.id)}\n`);
  return 0;
}

/** The docs page shipped beside the bundle (dist/../docs) or in the source tree. */
function findDocsPage(id: string): string | undefined {
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'docs', 'checks', `${id}.md`);
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, 'utf8');
  }
  return undefined;
}
