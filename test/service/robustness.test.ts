/**
 * Bad input never crashes anything: arbitrary text in every format, at every offset, through the same service the
 * editor and the CLI use. Every range that comes back lies inside the document.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import type * as lsp from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/core/text';
import { LanguageService } from '../../server/src/service/languageService';

const FILES = ['gunicorn.conf.py', 'sites-available/app.conf', 'app.service', 'app.socket'];

function inside(index: LineIndex, range: lsp.Range, what: string): void {
  for (const position of [range.start, range.end]) {
    assert.ok(position.line >= 0 && position.line < index.lineCount, `${what}: line ${position.line} outside`);
    assert.ok(
      position.character >= 0 && position.character <= index.lineText(position.line).length,
      `${what}: character ${position.character} outside line ${position.line}`,
    );
  }
}

/** Every workspace a test made, removed when the file's tests end. */
const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

async function workspace(): Promise<{ dir: string; service: LanguageService }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-fuzz-'));
  made.push(dir);
  fs.mkdirSync(path.join(dir, 'sites-available'));
  return { dir, service: await LanguageService.create({ root: dir }) };
}

function exercise(service: LanguageService, file: string, text: string, everyOffset: boolean): void {
  service.changeDocument(file, text, 1);
  const index = new LineIndex(text);
  for (const d of service.diagnostics(file)) inside(index, d.range, 'diagnostic');
  for (const s of service.documentSymbols(file)) inside(index, s.range, 'symbol');
  for (const l of service.documentLinks(file)) inside(index, l.range, 'link');
  service.foldingRanges(file);
  const step = everyOffset ? 1 : Math.max(1, Math.floor(text.length / 40));
  for (let offset = 0; offset <= text.length; offset += step) {
    const position = index.positionAt(offset);
    const hover = service.hover(file, position);
    if (hover?.range) inside(index, hover.range, 'hover');
    for (const item of service.completion(file, position)) {
      if (item.textEdit && 'range' in item.textEdit) inside(index, item.textEdit.range, 'completion');
    }
    service.definition(file, position);
    service.codeActions(file, { start: position, end: position }, []);
  }
}

const TOKENS = [
  'workers',
  ' = ',
  '"',
  "'",
  '%(h)s',
  'def ',
  'post_fork',
  '(',
  ')',
  ':',
  '\n',
  '    ',
  '#',
  '[Service]',
  'ExecStart=',
  '\\\n',
  'server {',
  '}',
  ';',
  'location /',
  'proxy_pass http://app',
  '$host',
  'é',
  '🙂',
  '\r\n',
  '\t',
  '\0',
  'include ',
  '*',
  '=',
];

test('every format survives arbitrary text at every offset', async () => {
  const { dir, service } = await workspace();
  const texts = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join('')),
  );
  for (const name of FILES) {
    const file = path.join(dir, name);
    service.openDocument(file, '', 0);
    fc.assert(
      fc.property(texts, (text) => exercise(service, file, text, true)),
      { numRuns: 60 },
    );
  }
});

test('binary bytes, invalid UTF-8, deep nesting and huge files do not throw or hang', async () => {
  const { dir, service } = await workspace();
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151) % 256)).toString('utf8');
  const deep = 'workers = ' + '('.repeat(10000) + '1' + ')'.repeat(10000) + '\n';
  const deepNginx = 'server {'.repeat(10000) + '}'.repeat(10000);
  const deepUnit = '[Service]\n' + 'ExecStart=/bin/true \\\n'.repeat(10000);
  for (const name of FILES) {
    const file = path.join(dir, name);
    service.openDocument(file, '', 0);
    for (const text of [binary, deep, deepNginx, deepUnit]) exercise(service, file, text, false);
  }
  const huge = path.join(dir, 'gunicorn.conf.py');
  const hugeText = 'workers = "abc"\n' + 'x = 1\n'.repeat(2_000_000);
  service.changeDocument(huge, hugeText, 5);
  const diagnostics = service.diagnostics(huge);
  assert.equal(diagnostics.length, 1, 'one notice for a file over the size cap');
  assert.equal(diagnostics[0].code, 'gunicorn-lint/file-too-large');
  assert.equal(service.hover(huge, { line: 0, character: 2 }), null);
});
