/** The parsed shape of a compose file: its services, with the fields a gunicorn deployment needs and where they are. */
import type { YamlCommand } from '../../commandline/yamlCommand';
import type { OffsetRange } from '../../core/text';

export interface Located<T> {
  value: T;
  range: OffsetRange;
}

export interface ComposeCommand extends YamlCommand {
  /** The whole value (`gunicorn app:app`, or the list). */
  range: OffsetRange;
}

export interface ComposeEnvironmentEntry {
  name: string;
  /** Absent for `- NAME` / `NAME:` with no value (taken from the shell running compose). */
  value?: string;
  /** The whole entry (`- NAME=value`, or the value of `NAME: value`). */
  range: OffsetRange;
  /** Where value[i] sits (value[i] at valueStart + i), when it maps one to one. */
  valueStart?: number;
}

export interface ComposePort {
  /** The container side. */
  target?: number;
  /** The host side as written (`8000`, `127.0.0.1:8000`), when published. */
  published?: string;
  range: OffsetRange;
}

export interface ComposeService {
  name: string;
  nameRange: OffsetRange;
  /** The service's mapping. */
  range: OffsetRange;
  /** Where the service's first key starts and its column, when the mapping is block style (insertions go there). */
  firstKey?: { offset: number; column: number };
  command?: ComposeCommand;
  entrypoint?: ComposeCommand;
  environment: ComposeEnvironmentEntry[];
  /** `env_file:`: variables from files the container gets, which the model does not read (PORT among them perhaps). */
  envFile?: OffsetRange;
  init?: Located<boolean>;
  /** `stop_grace_period`, with its seconds when the duration is readable. */
  stopGracePeriod?: Located<string> & { seconds?: number };
  stopSignal?: Located<string>;
  ports: ComposePort[];
  expose: Located<number>[];
  user?: Located<string>;
  workingDir?: Located<string>;
  build?: { context: string; dockerfile?: string; range: OffsetRange };
  image?: Located<string>;
  dependsOn: string[];
  /** CPU limit in cores: `deploy.resources.limits.cpus`, else `cpus`. */
  cpus?: Located<number>;
  healthcheck?: OffsetRange;
  /** Network aliases and `container_name`: names other containers reach this one by, beside the service name. */
  aliases: string[];
}

export interface ComposeDocument {
  text: string;
  path: string;
  /** A templated file (`{{ }}`): not read at all. */
  templated: boolean;
  services: ComposeService[];
}
