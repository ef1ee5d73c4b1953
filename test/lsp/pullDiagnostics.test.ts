/**
 * The bundled server over stdio with a client that pulls diagnostics (VS Code's way): diagnostics, hover,
 * completion, a code action applied and re-checked, a settings change, bad input, shutdown.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type * as lsp from 'vscode-languageserver-types';
import { applyTextEdits, hoverText, LspSession, makeWorkspace, rangeOf, removeWorkspace, type InitializeResult } from './support/lspSession';
import { CONFIG_TEXT } from './support/workspaceFixture';

describe('LSP over stdio, pull diagnostics', () => {
  let root: string;
  let configPath: string;
  let session: LspSession;
  let init: InitializeResult;
  let uri: string;
  let text = CONFIG_TEXT;
  let version = 1;

  before(async () => {
    root = makeWorkspace({ 'gunicorn.conf.py': CONFIG_TEXT });
    configPath = path.join(root, 'gunicorn.conf.py');
    session = LspSession.start({ settings: {} });
    init = await session.initialize({ rootPath: root, pullDiagnostics: true });
    uri = session.open(configPath, text);
  });

  after(() => {
    session?.kill();
    if (root) removeWorkspace(root);
  });

  it('announces pull diagnostics and the other capabilities', () => {
    const caps = init.capabilities;
    assert.deepEqual(caps.diagnosticProvider, { interFileDependencies: true, workspaceDiagnostics: true });
    assert.equal(caps.textDocumentSync.change, 2, 'incremental sync');
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual([...caps.completionProvider.triggerCharacters].sort(), ['"', '$', '%', '(', '-', '=', '['].sort());
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix']);
    for (const key of ['documentSymbolProvider', 'foldingRangeProvider', 'definitionProvider']) assert.ok(caps[key], key);
    assert.ok(caps.documentLinkProvider);
    assert.equal(init.serverInfo?.name, 'gunicorn-lint');
  });

  it('pulls the gunicorn/unknown-setting diagnostic at the typo, with its docs link', async () => {
    const items = await session.pull(uri);
    const typo = items.filter((d) => d.code === 'gunicorn/unknown-setting');
    assert.equal(typo.length, 1, JSON.stringify(items, null, 2));
    assert.deepEqual(typo[0].range, rangeOf(text, 'timout'));
    assert.match(JSON.stringify(typo[0].message), /timeout/);
    assert.match(typo[0].codeDescription?.href ?? '', /unknown-setting/);
    assert.deepEqual((typo[0].data as { rule: string }).rule, 'gunicorn/unknown-setting');
  });

  it('registers for configuration changes and file watching (the client allows dynamic registration)', () => {
    const methods = session.registrations.map((r) => r.method).sort();
    assert.deepEqual(methods, ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    assert.ok(session.configurationRequests >= 1, 'settings were pulled with workspace/configuration');
  });

  it('hovers on a setting name with the exact range of the name', async () => {
    const range = rangeOf(text, 'workers');
    const hover = await session.request<lsp.Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: range.start.line, character: range.start.character + 3 },
    });
    assert.ok(hover, 'a hover');
    assert.deepEqual(hover.range, range);
    assert.match(hoverText(hover), /workers/);
  });

  it('hovers on an access log atom with the exact range of the atom', async () => {
    const range = rangeOf(text, '%(r)s');
    const hover = await session.request<lsp.Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: range.start.line, character: range.start.character + 2 },
    });
    assert.ok(hover, 'a hover');
    assert.deepEqual(hover.range, range);
    assert.match(hoverText(hover).toLowerCase(), /request line/);
  });

  it('completes setting names at the start of a line', async () => {
    // (Settings already assigned in the file may be left out, so look for ones that are not.)
    const items = await session.request<lsp.CompletionItem[] | lsp.CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 4, character: 0 },
    });
    const labels = (Array.isArray(items) ? items : items.items).map((item) => item.label);
    for (const name of ['worker_class', 'graceful_timeout', 'keepalive']) assert.ok(labels.includes(name), `${name} in ${labels.length} items`);
  });

  it('offers a preferred quick fix that, applied, removes the finding', async () => {
    const [diagnostic] = (await session.pull(uri)).filter((d) => d.code === 'gunicorn/unknown-setting');
    const actions = await session.request<lsp.CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const sourceOnly = await session.request<lsp.CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['source.organizeImports'] },
    });
    assert.deepEqual(sourceOnly, [], 'no quick fixes when only source actions are asked for');
    const fix = actions.find((action) => action.isPreferred) ?? actions.find((action) => action.edit && !/disable/i.test(action.title));
    assert.ok(fix?.edit?.changes, `a quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(Object.keys(fix.edit.changes), [uri]);
    const edits = fix.edit.changes[uri];
    const fixed = applyTextEdits(text, edits);
    assert.match(fixed, /^timeout = 30$/m);

    // Send the edits as incremental changes, in reverse order so earlier ranges stay valid.
    const refreshesBefore = session.refreshRequests;
    for (const edit of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
      session.change(uri, ++version, edit.range, edit.newText);
    }
    text = fixed;
    const after = await session.pull(uri);
    assert.deepEqual(
      after.filter((d) => d.code === 'gunicorn/unknown-setting'),
      [],
    );
    // Other files may depend on this one: the server asks the client to re-pull (debounced).
    await session.waitFor('workspace/diagnostic/refresh', () => session.refreshRequests > refreshesBefore, 3000);
  });

  it('turns a rule off when the settings change', async () => {
    // Put the typo back, check that it is reported, then turn the rule off.
    const range = rangeOf(text, 'timeout');
    session.change(uri, ++version, range, 'timout');
    text = text.replace('timeout', 'timout');
    assert.equal((await session.pull(uri)).filter((d) => d.code === 'gunicorn/unknown-setting').length, 1);

    const refreshesBefore = session.refreshRequests;
    session.settings = { rules: { 'gunicorn/unknown-setting': 'off' } };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await session.waitFor('a refresh after the settings change', () => session.refreshRequests > refreshesBefore, 3000);
    assert.deepEqual(
      (await session.pull(uri)).filter((d) => d.code === 'gunicorn/unknown-setting'),
      [],
    );

    session.settings = { rules: { 'gunicorn/unknown-setting': 'error' } };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const back = await pollPull(session, uri, (items) => items.some((d) => d.code === 'gunicorn/unknown-setting'));
    assert.equal(back.find((d) => d.code === 'gunicorn/unknown-setting')?.severity, 1, 'error severity');
  });

  it('asks for a refresh when watched files change on disk', async () => {
    const before = session.refreshRequests;
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(root, 'requirements.txt')).href, type: 1 }],
    });
    await session.waitFor('a refresh', () => session.refreshRequests > before, 3000);
  });

  it('survives binary bytes and a 10 MB document, and still answers hover', async () => {
    const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    const binaryUri = session.open(path.join(root, 'binary', 'gunicorn.conf.py'), binary);
    const huge = 'workers = 2\n'.repeat(Math.ceil((10 * 1024 * 1024) / 12));
    const hugeUri = session.open(path.join(root, 'huge', 'gunicorn.conf.py'), huge);
    assert.ok(Array.isArray(await session.pull(binaryUri)));
    const hugeItems = await session.pull(hugeUri);
    assert.ok(hugeItems.length <= 1, 'a too-large file gets at most one note, not a finding per line');
    // Requests at positions far outside the text, and on a URI that is not a file.
    assert.equal(
      await session.request('textDocument/hover', { textDocument: { uri: binaryUri }, position: { line: 99999, character: 99999 } }).catch((e: unknown) => e),
      null,
    );
    assert.equal(await session.request('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } }), null);
    const range = rangeOf(text, 'workers');
    const hover = await session.request<lsp.Hover | null>('textDocument/hover', { textDocument: { uri }, position: range.start });
    assert.match(hoverText(hover), /workers/);
    assert.equal(session.exitCode, undefined, 'the server is still running');
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: hugeUri } });
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: binaryUri } });
  });

  it('answers symbols, folding ranges, links and definition without failing', async () => {
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink']) {
      const answer = await session.request<unknown[]>(method, { textDocument: { uri } });
      assert.ok(Array.isArray(answer), method);
    }
    const symbols = await session.request<lsp.DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(
      symbols.some((s) => s.name === 'workers'),
      JSON.stringify(symbols.map((s) => s.name)),
    );
    const definition = await session.request<lsp.Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.ok(Array.isArray(definition));
  });

  it('shuts down and exits with code 0', async () => {
    assert.equal(await session.shutdown(), 0);
  });
});

/** Pulls until the items satisfy `ok` (the server applies settings asynchronously), at most ~3 s. */
async function pollPull(session: LspSession, uri: string, ok: (items: lsp.Diagnostic[]) => boolean): Promise<lsp.Diagnostic[]> {
  let items: lsp.Diagnostic[] = [];
  for (let i = 0; i < 30; i++) {
    items = await session.pull(uri);
    if (ok(items)) return items;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return items;
}
