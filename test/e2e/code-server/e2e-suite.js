// Extension tests run INSIDE code-server's extension host (payload key "extensionTestsPath"), against the
// unpacked .vsix. Plain assert, no mocha: run() resolving means exit code 0, rejecting means 1.
const assert = require('assert');
const vscode = require('vscode');

const EXTENSION_ID = 'gunicorn-deploy.gunicorn-deploy';

async function waitFor(fn, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timeout waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const codeOf = (diagnostic) => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);

exports.run = async function run() {
  let passed = 0;
  const check = async (name, fn) => {
    try {
      await fn();
      passed++;
      console.log(`E2E ok - ${name}`);
    } catch (error) {
      console.log(`E2E not ok - ${name}: ${error.message}`);
      throw error;
    }
  };
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'a workspace folder is open');
  const config = vscode.Uri.joinPath(folder.uri, 'gunicorn.conf.py');
  let doc;

  await check('gunicorn.conf.py stays Python', async () => {
    doc = await vscode.workspace.openTextDocument(config);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'python');
  });
  await check('the extension activates and its client runs', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await waitFor(() => extension.isActive, 20000, 'activation');
    await waitFor(() => extension.exports.client() && extension.exports.client().isRunning(), 20000, 'a running client');
  });
  await check('a file never opened has diagnostics (workspace diagnostics)', async () => {
    // sites-available/app.conf is not opened before the languages check below: its finding can only come from the
    // server's workspace/diagnostic, which the client pulls because the server announces workspaceDiagnostics.
    const site = vscode.Uri.joinPath(folder.uri, 'sites-available', 'app.conf');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === site.toString()), 'the site is not open');
    await waitFor(() => vscode.languages.getDiagnostics(site).some((d) => codeOf(d) === 'nginx/proxy-headers'), 20000, 'the site\'s nginx/proxy-headers');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === site.toString()), 'still not open');
  });
  let typo;
  await check('the typo gets gunicorn/unknown-setting with a docs link', async () => {
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(config).filter((d) => codeOf(d) === 'gunicorn/unknown-setting');
      return found.length ? found : null;
    }, 20000, 'diagnostics');
    typo = diagnostics[0];
    assert.strictEqual(typo.range.start.line, 2);
    assert.strictEqual(typo.source, 'gunicorn-lint');
    assert.ok(typeof typo.code === 'object' && /unknown-setting/.test(String(typo.code.target)), 'code links to the docs');
  });
  await check('hover on "workers"', async () => {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', config, new vscode.Position(1, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /workers/);
  });
  await check('turning the rule off in the settings removes the finding, and back on restores it', async () => {
    const settings = vscode.workspace.getConfiguration('gunicornLint');
    const present = () => vscode.languages.getDiagnostics(config).some((d) => codeOf(d) === 'gunicorn/unknown-setting');
    await settings.update('rules', { 'gunicorn/unknown-setting': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => !present(), 20000, 'the finding to go');
    await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => present(), 20000, 'the finding to come back');
    typo = vscode.languages.getDiagnostics(config).find((d) => codeOf(d) === 'gunicorn/unknown-setting');
  });
  await check('a quick fix renames the typo', async () => {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', config, typo.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.isPreferred) || actions.find((action) => action.edit && !/disable/i.test(action.title));
    assert.ok(fix && fix.edit, `a fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
    assert.match(doc.getText(), /^timeout = 30$/m);
    await waitFor(() => !vscode.languages.getDiagnostics(config).some((d) => codeOf(d) === 'gunicorn/unknown-setting'), 20000, 'the finding to go');
  });
  await check('nginx and systemd files get the contributed languages', async () => {
    const site = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'sites-available', 'app.conf'));
    assert.strictEqual(site.languageId, 'nginx');
    const unit = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'app.service'));
    assert.strictEqual(unit.languageId, 'systemd-unit-file');
  });
  await check('the restart command brings the client back', async () => {
    await vscode.commands.executeCommand('gunicornLint.restartServer');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await waitFor(() => extension.exports.client() && extension.exports.client().isRunning(), 20000, 'a running client');
  });
  await check('gunicornLint.trace.server alone turns tracing on and off', async () => {
    // vscode-languageclient traces only while its trace channel is at the Trace level: ours follows the setting.
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const channel = () => extension.exports.client().traceOutputChannel;
    assert.strictEqual(channel().name, 'Gunicorn Deploy Trace');
    const settings = vscode.workspace.getConfiguration('gunicornLint');
    await settings.update('trace.server', 'messages', vscode.ConfigurationTarget.Workspace);
    await waitFor(() => channel().logLevel === vscode.LogLevel.Trace, 10000, 'the Trace level');
    await settings.update('trace.server', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => channel().logLevel === vscode.LogLevel.Off, 10000, 'the Off level');
  });
  console.log(`E2E ${passed} passed, 0 failed`);
};
