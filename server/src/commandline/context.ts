/** What every command-line check receives: one site, its parsed invocation, and the gunicorn version in use. */
import type { GunicornInvocation } from './invocation';
import type { CommandSite } from './site';

export interface CommandLineContext {
  site: CommandSite;
  invocation: GunicornInvocation;
  /** The gunicorn version the checks assume ("23.0.0"): a flag can be newer or older than it. */
  version: string;
}
