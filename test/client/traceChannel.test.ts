/**
 * `gunicornLint.trace.server` alone turns tracing on. Drives the real vscode-languageclient 11 (its trace decision in
 * refreshTrace) over a stand-in for the few `vscode` members it touches, with the extension's trace channel, and
 * shows the old arrangement (our log channel at its default Info level) printing nothing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type * as vscode from 'vscode';
import { createTraceChannel } from '../../client/src/traceChannel';
import { repoRoot } from '../support/repo';

const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 } as const;
let traceSetting = 'off';
const disposable = { dispose: () => undefined };

/** Any member the client only registers a listener with or constructs: a no-op. */
function inert(): unknown {
  const target = function () {
    return inert();
  };
  return new Proxy(target, {
    get: (_target, property) => (property === 'then' ? undefined : property === 'dispose' ? () => undefined : inert()),
    construct: () => inert() as object,
  });
}

const fakeVscode = new Proxy(
  {
    LogLevel,
    workspace: new Proxy(
      { getConfiguration: () => ({ get: (key: string, fallback: unknown) => (key === 'trace.server' ? traceSetting : fallback) }) },
      { get: (target, property: string) => (property in target ? target[property as keyof typeof target] : () => disposable) },
    ),
  },
  { get: (target, property: string) => (property in target ? target[property as keyof typeof target] : inert()) },
);

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;

interface ClientInternals {
  refreshTrace(connection: unknown, sendNotification?: boolean): void;
  hookLogLevelChanged(connection: unknown): void;
}
type ClientClass = new (id: string, name: string, options: Record<string, unknown>) => ClientInternals;
let Client: ClientClass;

before(() => {
  moduleWithLoad._load = function (request, parent, isMain) {
    return request === 'vscode' ? fakeVscode : originalLoad.call(this, request, parent, isMain);
  };
  const clientJs = path.join(repoRoot(), 'node_modules', 'vscode-languageclient', 'lib', 'common', 'client.js');
  assert.ok(fs.existsSync(clientJs));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BaseLanguageClient } = require(clientJs) as { BaseLanguageClient: new (...args: unknown[]) => ClientInternals };
  Client = class extends BaseLanguageClient {
    createMessageTransports(): never {
      throw new Error('not started in this test');
    }
  } as unknown as ClientClass;
});
after(() => {
  moduleWithLoad._load = originalLoad;
});

/** A connection that records the trace level the client asks for and, when tracing, sends one message through its tracer. */
function recordingConnection(): { levels: number[]; connection: unknown } {
  const levels: number[] = [];
  const connection = {
    trace(level: number, tracer: { log(message: string): void }) {
      levels.push(level);
      // vscode-jsonrpc's connection calls the tracer only while tracing.
      if (level !== 0) tracer.log('Sending request textDocument/hover');
      return Promise.resolve();
    },
  };
  return { levels, connection };
}

function plainChannel(lines: string[]): vscode.OutputChannel {
  return {
    name: 'Gunicorn Deploy Trace',
    append: (value: string) => lines.push(value),
    appendLine: (value: string) => lines.push(value),
    replace: () => undefined,
    clear: () => lines.splice(0),
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
  } as vscode.OutputChannel;
}

function logChannelAtInfo(): Record<string, unknown> {
  return { logLevel: LogLevel.Info, onDidChangeLogLevel: () => disposable, trace: () => assert.fail('nothing is traced at Info') };
}

test('before: with only the log channel at its default level, trace.server "messages" traces nothing', () => {
  traceSetting = 'messages';
  const client = new Client('gunicornLint', 'Gunicorn Deploy', { outputChannel: logChannelAtInfo() });
  const { levels, connection } = recordingConnection();
  client.refreshTrace(connection);
  assert.deepEqual(levels, [0 /* Trace.Off */]);
});

test('trace.server alone turns tracing on and off, through the real client', () => {
  const lines: string[] = [];
  const changeListeners: (() => void)[] = [];
  traceSetting = 'messages';
  const trace = createTraceChannel({
    channel: plainChannel(lines),
    traceSetting: () => traceSetting,
    onTraceSettingChange: (listener) => {
      changeListeners.push(listener);
      return disposable;
    },
    levels: { off: LogLevel.Off as vscode.LogLevel, trace: LogLevel.Trace as vscode.LogLevel },
    now: () => new Date(0),
  });
  const client = new Client('gunicornLint', 'Gunicorn Deploy', { outputChannel: logChannelAtInfo(), traceOutputChannel: trace });
  const { levels, connection } = recordingConnection();
  client.hookLogLevelChanged(connection);
  client.refreshTrace(connection);
  assert.equal(levels.at(-1), 1 /* Trace.Messages */);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^\[Trace - .+\] Sending request textDocument\/hover$/);

  // Turned off in the settings: the client hears of it and stops tracing.
  traceSetting = 'off';
  for (const listener of changeListeners) listener();
  assert.equal(levels.at(-1), 0 /* Trace.Off */);
  // And back on, verbose.
  traceSetting = 'verbose';
  for (const listener of changeListeners) listener();
  assert.equal(levels.at(-1), 3 /* Trace.Verbose */);
  assert.equal(lines.length, 2);
});

test('the extension gives the client this trace channel over a plain output channel', () => {
  const source = fs.readFileSync(path.join(repoRoot(), 'client', 'src', 'extension.ts'), 'utf8');
  assert.match(source, /traceOutputChannel: trace\b/);
  const created = /const trace = createTraceChannel\(\{\s*channel: vscode\.window\.createOutputChannel\(([^)]*)\)/.exec(source);
  assert.ok(created, 'the trace channel is made by createTraceChannel');
  assert.doesNotMatch(created[1], /log:\s*true/, 'over a plain channel, not a log channel');
});
