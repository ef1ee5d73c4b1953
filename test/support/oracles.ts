/**
 * The one rule for a missing oracle program (nginx, systemd-analyze, gunicorn, python3): the test is skipped on a
 * developer machine, but under GUNICORN_LINT_REQUIRE_ORACLES=1 (CI) it fails, so a broken CI image cannot turn
 * every oracle into a silent skip.
 */
import type { TestContext } from 'node:test';

export function oraclesRequired(): boolean {
  return process.env.GUNICORN_LINT_REQUIRE_ORACLES === '1';
}

/** Skips the test with the reason, or throws (fails it) when oracles are required. */
export function skipMissingOracle(t: TestContext, reason: string): void {
  if (oraclesRequired()) throw new Error(`GUNICORN_LINT_REQUIRE_ORACLES=1 but an oracle is missing: ${reason}`);
  t.skip(reason);
}
