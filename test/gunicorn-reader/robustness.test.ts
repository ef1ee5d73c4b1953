import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, ready } from './helpers';
import { gunicornFormat } from '../../server/src/formats/gunicorn/index';
import type { Project } from '../../server/src/core/format';
import { withDefaults } from '../../server/src/core/settings';
import type { OffsetRange } from '../../server/src/core/text';
import type { CommandSite } from '../../server/src/commandline/site';
import { checkSites, completeSite, hoverSites, siteFixes } from '../../server/src/commandline/support';
import { splitShellWords } from '../../server/src/commandline/words';

before(ready);

const project: Project = {
  root: '/ws',
  settings: withDefaults({}),
  readFile: () => undefined,
  exists: () => false,
  isDirectory: () => false,
  listDirectory: () => [],
  workspaceFiles: () => [],
  parsed: () => undefined,
};

const PYTHONISH = fc.string({
  unit: fc.constantFrom(
    'workers',
    'access_log_format',
    'worker_class',
    'def ',
    'post_fork',
    ' = ',
    '=',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    ',',
    ':',
    '"',
    "'",
    '%(',
    'h)s',
    '\n',
    '    ',
    'if ',
    'else:',
    'try:',
    'except',
    'lambda x: ',
    'os.environ.get("X", 1)',
    '1',
    '-',
    '+',
    '*',
    '//',
    'é',
    '😀',
    '\\',
    '#',
    'f"',
    'r"',
    'True',
    'None',
    'import os',
    ';',
  ),
  maxLength: 40,
});

function insideText(range: OffsetRange, length: number) {
  assert.ok(range.start >= 0 && range.end <= length && range.start <= range.end, `${JSON.stringify(range)} outside 0..${length}`);
}

function collectRanges(value: unknown, out: OffsetRange[] = [], depth = 0): OffsetRange[] {
  if (depth > 200 || value === null || typeof value !== 'object') return out;
  const record = value as Record<string, unknown>;
  if (typeof record.start === 'number' && typeof record.end === 'number' && Object.keys(record).length === 2) out.push(record as unknown as OffsetRange);
  for (const child of Object.values(record)) if (child && typeof child === 'object') collectRanges(child, out, depth + 1);
  return out;
}

test('reader, hover, completion and symbols never throw; every range is inside the text', () => {
  fc.assert(
    fc.property(PYTHONISH, (text) => {
      const document = parse(text);
      for (const range of collectRanges(document.model)) insideText(range, text.length);
      const context = { path: '/ws/gunicorn.conf.py', text, document, project };
      for (let offset = 0; offset <= text.length; offset++) {
        const hover = gunicornFormat.hover!(context, offset);
        if (hover) insideText(hover.range, text.length);
        for (const item of gunicornFormat.complete!(context, offset)) if (item.replace) insideText(item.replace, text.length);
      }
      for (const symbol of gunicornFormat.symbols!(context)) insideText(symbol.range, text.length);
      gunicornFormat.check(context);
    }),
    { numRuns: 150 },
  );
});

test('arbitrary unicode text never throws', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
      const document = parse(text);
      for (const range of collectRanges(document.model)) insideText(range, text.length);
      const context = { path: '/ws/gunicorn.conf.py', text, document, project };
      for (let offset = 0; offset <= text.length; offset++) {
        gunicornFormat.hover!(context, offset);
        gunicornFormat.complete!(context, offset);
      }
    }),
    { numRuns: 100 },
  );
});

test('command lines: parse, check, fix, hover and complete never throw', () => {
  fc.assert(
    fc.property(
      fc.string({
        unit: fc.constantFrom('gunicorn', ' ', '-w', '--workers', '=', '4', '--bind', 'app:app', '"', "'", '--', '-', 'src/main.py:app', '--x'),
        maxLength: 20,
      }),
      (line) => {
        const site: CommandSite = { path: '/w/Procfile', host: 'procfile', kind: 'command', words: splitShellWords(line) };
        for (const finding of checkSites([site], '20.1.0')) {
          insideText(finding.range, line.length);
          for (const fix of siteFixes(finding, [site], '20.1.0')) for (const edit of fix.edits) insideText(edit.range, line.length);
        }
        for (let offset = 0; offset <= line.length; offset++) {
          const hover = hoverSites([site], offset, '20.1.0');
          if (hover) insideText(hover.range, line.length);
          for (const item of completeSite(site, line, offset, '20.1.0')) if (item.replace) insideText(item.replace, line.length);
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('10,000-deep nesting and a 10 MB string neither throw nor hang', () => {
  const deep = 'workers = ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + '\n';
  let started = Date.now();
  const document = parse(deep);
  assert.equal(document.model.assignments[0].name, 'workers');
  assert.equal(document.model.assignments[0].value.value.kind, 'unknown');
  const deepContext = { path: '/ws/gunicorn.conf.py', text: deep, document, project };
  gunicornFormat.hover!(deepContext, 5000);
  gunicornFormat.complete!(deepContext, 5000);
  gunicornFormat.check(deepContext);
  const deepMs = Date.now() - started;

  const calls = 'workers = ' + 'f('.repeat(10_000) + ')'.repeat(10_000) + '\n';
  started = Date.now();
  const callDocument = parse(calls);
  assert.equal(callDocument.model.assignments[0].value.value.kind, 'unknown');
  const callsMs = Date.now() - started;

  const lists = 'bind = ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\nif a:\n' + ' '.repeat(4) + 'x = 1\n';
  parse(lists);

  const big = 'access_log_format = "' + 'a'.repeat(10_000_000) + '"\nworkers = 2\n';
  started = Date.now();
  const bigDocument = parse(big);
  const bigMs = Date.now() - started;
  const value = bigDocument.model.assignments[0].value.value;
  assert.ok(value.kind === 'string' && value.value.length === 10_000_000);
  assert.equal(bigDocument.model.assignments[1].name, 'workers');
  const bigContext = { path: '/ws/gunicorn.conf.py', text: big, document: bigDocument, project };
  gunicornFormat.hover!(bigContext, 5_000_000);
  gunicornFormat.complete!(bigContext, 5_000_000);
  console.log(`deep parens ${deepMs} ms, deep calls ${callsMs} ms, 10 MB string ${bigMs} ms`);
  assert.ok(deepMs < 20_000 && callsMs < 20_000 && bigMs < 20_000);
});
