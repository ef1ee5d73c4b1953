/**
 * The channel `gunicornLint.trace.server` writes to. vscode-languageclient 11 sends traces only while its trace
 * channel's log level is Trace, and with our log channel that level is whatever the user set through *Developer: Set
 * Log Level* (Info by default): `trace.server: messages` alone printed nothing. This channel's level follows the
 * setting instead (Trace unless it is `off`), and it writes to a plain output channel of its own, so turning the
 * setting on is all it takes. Free of the `vscode` module (it is handed what it needs) so tests run without VS Code.
 */
import type * as vscode from 'vscode';

export interface TraceChannelParts {
  /** A plain (not log) output channel that receives the lines. */
  channel: vscode.OutputChannel;
  /** The current `gunicornLint.trace.server` value. */
  traceSetting: () => unknown;
  /** Calls `listener` after `gunicornLint.trace.server` changed. */
  onTraceSettingChange: (listener: () => void) => vscode.Disposable;
  /** vscode.LogLevel's Off and Trace. */
  levels: { off: vscode.LogLevel; trace: vscode.LogLevel };
  /** The time stamp in front of each line (a parameter for tests). */
  now?: () => Date;
}

export function createTraceChannel(parts: TraceChannelParts): vscode.LogOutputChannel {
  const { channel, levels } = parts;
  const levelFor = (): vscode.LogLevel => {
    const setting = parts.traceSetting();
    return typeof setting === 'string' && setting !== 'off' ? levels.trace : levels.off;
  };
  let level = levelFor();
  const listeners = new Set<(level: vscode.LogLevel) => unknown>();
  const settingWatch = parts.onTraceSettingChange(() => {
    const next = levelFor();
    if (next === level) return;
    level = next;
    for (const listener of [...listeners]) listener(level);
  });
  const onDidChangeLogLevel: vscode.Event<vscode.LogLevel> = (listener, thisArgs?: unknown, disposables?: vscode.Disposable[]) => {
    const bound = (value: vscode.LogLevel): unknown => listener.call(thisArgs, value);
    listeners.add(bound);
    const disposable = { dispose: () => void listeners.delete(bound) };
    disposables?.push(disposable);
    return disposable;
  };
  const line = (label: string, message: string): void => {
    channel.appendLine(`[${label} - ${(parts.now?.() ?? new Date()).toLocaleTimeString()}] ${message}`);
  };
  const text = (message: string | Error): string => (typeof message === 'string' ? message : (message.stack ?? message.message));
  return {
    name: channel.name,
    get logLevel() {
      return level;
    },
    onDidChangeLogLevel,
    trace: (message) => line('Trace', message),
    debug: (message) => line('Debug', message),
    info: (message) => line('Info', message),
    warn: (message) => line('Warn', message),
    error: (message) => line('Error', text(message)),
    append: (value) => channel.append(value),
    appendLine: (value) => channel.appendLine(value),
    replace: (value) => channel.replace(value),
    clear: () => channel.clear(),
    show: (...args: unknown[]) => (channel.show as (...a: unknown[]) => void)(...args),
    hide: () => channel.hide(),
    dispose: () => {
      settingWatch.dispose();
      listeners.clear();
      channel.dispose();
    },
  };
}
