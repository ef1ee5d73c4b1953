/**
 * The bundled server with clients that cannot pull diagnostics (Neovim 0.7, eglot 1.9): it publishes them, takes
 * settings from initializationOptions and didChangeConfiguration, and finds its root without a workspace folder.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as lsp from 'vscode-languageserver-types';
import { hoverText, LspSession, makeWorkspace, rangeOf, removeWorkspace } from './support/lspSession';
import { CONFIG_TEXT } from './support/workspaceFixture';

const RULE = 'gunicorn/unknown-setting';

describe('LSP over stdio, pushed diagnostics, settings without workspace/configuration', () => {
  let root: string;
  let session: LspSession;
  let uri: string;
  let text = CONFIG_TEXT;

  before(async () => {
    root = makeWorkspace({ 'gunicorn.conf.py': CONFIG_TEXT });
    session = LspSession.start();
    const init = await session.initialize({
      rootPath: root,
      pullDiagnostics: false,
      configuration: false,
      initializationOptions: { settings: { rules: { [RULE]: 'error' } } },
    });
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for this client');
    uri = session.open(path.join(root, 'gunicorn.conf.py'), text);
  });

  after(() => {
    session?.kill();
    if (root) removeWorkspace(root);
  });

  it('publishes diagnostics on open, with the severity from initializationOptions', async () => {
    const published = await session.waitFor('diagnostics', () => session.lastPublished(uri));
    assert.equal(published.version, 1);
    const typo = published.diagnostics.filter((d) => d.code === RULE);
    assert.equal(typo.length, 1, JSON.stringify(published.diagnostics));
    assert.deepEqual(typo[0].range, rangeOf(text, 'timout'));
    assert.equal(typo[0].severity, 1);
    assert.equal(session.configurationRequests, 0, 'never asks a client that cannot answer');
  });

  it('answers hover', async () => {
    const range = rangeOf(text, 'bind');
    const hover = await session.request<lsp.Hover | null>('textDocument/hover', { textDocument: { uri }, position: range.start });
    assert.deepEqual(hover?.range, range);
    assert.match(hoverText(hover), /bind/);
  });

  it('re-publishes after an edit, with the new version', async () => {
    const since = session.published.length;
    session.change(uri, 2, rangeOf(text, 'timout'), 'timeout');
    text = text.replace('timout', 'timeout');
    const published = await session.waitFor('diagnostics for version 2', () => {
      const last = session.lastPublished(uri, since);
      return last && last.version === 2 ? last : undefined;
    });
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === RULE),
      [],
    );
  });

  it('takes settings from didChangeConfiguration itself', async () => {
    let since = session.published.length;
    session.change(uri, 3, rangeOf(text, 'timeout'), 'timout');
    text = text.replace('timeout', 'timout');
    await session.waitFor('the typo again', () => session.lastPublished(uri, since)?.diagnostics.some((d) => d.code === RULE));

    since = session.published.length;
    await session.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { gunicornLint: { rules: { [RULE]: 'off' } } },
    });
    const published = await session.waitFor('diagnostics after the settings change', () => session.lastPublished(uri, since));
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === RULE),
      [],
    );
  });

  it('re-publishes the other open documents shortly after an edit (they may depend on it)', async () => {
    const site = path.join(root, 'sites-available', 'app.conf');
    const siteUri = session.open(site, 'server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n', 'nginx');
    await session.waitFor('the site published on open', () => session.lastPublished(siteUri));
    const since = session.published.length;
    session.change(uri, 4, rangeOf(text, '8000'), '9000');
    text = text.replace('8000', '9000');
    const republished = await session.waitFor('the site published again', () => session.lastPublished(siteUri, since), 3000);
    assert.equal(republished.version, 1, 'the site itself did not change');
  });

  it('clears the diagnostics of a closed document', async () => {
    const since = session.published.length;
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const published = await session.waitFor('the clearing publish', () => session.lastPublished(uri, since));
    assert.deepEqual(published.diagnostics, []);
  });

  it('shuts down and exits with code 0', async () => {
    assert.equal(await session.shutdown(), 0);
  });
});

describe('LSP over Node IPC, no workspace folder', () => {
  it('takes the folder of the first opened file as the root and publishes diagnostics', async () => {
    const root = makeWorkspace({ 'deploy/gunicorn.conf.py': CONFIG_TEXT });
    const session = LspSession.start({ transport: 'ipc' });
    try {
      await session.initialize({ rootUri: null, pullDiagnostics: false });
      const uri = session.open(path.join(root, 'deploy', 'gunicorn.conf.py'), CONFIG_TEXT);
      const published = await session.waitFor('diagnostics', () => session.lastPublished(uri));
      assert.deepEqual(
        published.diagnostics.filter((d) => d.code === RULE).map((d) => d.range),
        [rangeOf(CONFIG_TEXT, 'timout')],
      );
      assert.equal(await session.shutdown(), 0);
    } finally {
      session.kill();
      removeWorkspace(root);
    }
  });
});

describe('a client that answers workspace/configuration with null (Neovim without `settings`)', () => {
  it('keeps the settings from initializationOptions', async () => {
    const root = makeWorkspace({ 'gunicorn.conf.py': CONFIG_TEXT });
    const session = LspSession.start({ settings: null });
    try {
      await session.initialize({
        rootPath: root,
        pullDiagnostics: false,
        configuration: true,
        initializationOptions: { settings: { rules: { [RULE]: 'info' } } },
      });
      const uri = session.open(path.join(root, 'gunicorn.conf.py'), CONFIG_TEXT);
      const published = await session.waitFor('diagnostics', () => session.lastPublished(uri));
      assert.ok(session.configurationRequests >= 1, 'the server asked');
      assert.deepEqual(
        published.diagnostics.filter((d) => d.code === RULE).map((d) => d.severity),
        [3],
      );
      assert.equal(await session.shutdown(), 0);
    } finally {
      session.kill();
      removeWorkspace(root);
    }
  });
});

describe('a client that goes away', () => {
  it('ends the server when its input closes, even without shutdown/exit', async () => {
    const session = LspSession.start();
    try {
      await session.initialize({ rootUri: null });
      session.child.stdin!.end();
      await session
        .waitFor('the server to exit', () => session.exitCode !== undefined, 5000)
        .catch((error: Error) => {
          // waitFor reports an exit as an error; here the exit is the point.
          if (session.exitCode === undefined) throw error;
        });
      assert.notEqual(session.exitCode, undefined);
    } finally {
      session.kill();
    }
  });
});
