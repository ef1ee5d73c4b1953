/**
 * The outgoing side of the protocol, as the server class needs it. The binding implements it on the real
 * connection; keeping it this small lets the class be read (and driven) without a connection.
 */
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';

export interface ClientChannel {
  publishDiagnostics(params: PublishDiagnosticsParams): void;
  /** workspace/diagnostic/refresh */
  refreshDiagnostics(): Promise<void>;
  /** workspace/configuration for one section (no scope URI: the settings are per workspace). */
  configuration(section: string): Promise<unknown>;
  /** client/registerCapability for one method. */
  register(method: string, registerOptions: unknown): Promise<void>;
  log(message: string): void;
}
