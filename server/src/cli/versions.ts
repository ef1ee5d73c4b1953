/**
 * The version flags' ranges: `--nginx-version 1.10` is refused (exit 2) with the range the knowledge tables cover,
 * rather than silently judged by facts of another release. The ranges live in service/versionRanges.ts, which the
 * language server reads too (it clamps a setting instead, with a warning).
 */
import { checkVersionRange, describeRange, type VersionedProgram } from '../service/versionRanges';

const PROGRAM_OF_FLAG: Readonly<Record<string, VersionedProgram>> = {
  '--gunicorn-version': 'gunicorn',
  '--nginx-version': 'nginx',
  '--systemd-version': 'systemd',
};

/** The usage error for a version flag whose value is outside its range, or undefined when it is inside. */
export function versionOutOfRange(flag: string, version: string): string | undefined {
  const program = PROGRAM_OF_FLAG[flag];
  if (!program || checkVersionRange(program, version).inside) return undefined;
  return `${flag} ${version} is outside the ${program} versions gunicorn-lint knows: ${describeRange(program)}`;
}
