/**
 * One error channel (house review item 5): a format that failed to load, a parser or a check that threw becomes a
 * `gunicorn-lint/internal-error` finding, never an empty result that reads as "no problems".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FormatSupport } from '../../server/src/core/format';
import { INTERNAL_ERROR, runRules, type Rule } from '../../server/src/core/rule';
import { LanguageService } from '../../server/src/service/languageService';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const ROOT = '/ws';

function fakeFormat(overrides: Partial<FormatSupport<string>>): FormatSupport<string> {
  return {
    language: 'fake',
    matches: (file) => file.endsWith('.fake'),
    parse: (text) => text,
    check: () => [],
    ...overrides,
  };
}

async function serviceWith(format: FormatSupport<string>, settings = {}): Promise<LanguageService> {
  const disk = new MemoryFileSystem({ [`${ROOT}/a.fake`]: 'anything\n' });
  return LanguageService.create({ root: ROOT, fs: disk, formats: [format], settings });
}

test('runRules: a rule that throws becomes an internal-error finding beside the others', () => {
  const ok: Rule<number> = { id: 'x/ok', severity: 'warning', summary: '', check: () => [{ rule: 'x/ok', range: { start: 0, end: 1 }, message: 'fine' }] };
  const broken: Rule<number> = {
    id: 'x/broken',
    severity: 'warning',
    summary: '',
    check: () => {
      throw new Error('boom');
    },
  };
  const findings = runRules([broken, ok], 0);
  assert.deepEqual(
    findings.map((f) => f.rule),
    [INTERNAL_ERROR, 'x/ok'],
  );
  assert.match(findings[0].message, /x\/broken.*boom/);
  // With an explicit handler, the caller owns the error.
  const seen: string[] = [];
  assert.deepEqual(
    runRules([broken], 0, (rule) => seen.push(rule)),
    [],
  );
  assert.deepEqual(seen, ['x/broken']);
});

test('a format whose initialisation fails: every file it claims says so, and internalErrors() lists it', async () => {
  const service = await serviceWith(fakeFormat({ init: () => Promise.reject(new Error('tree-sitter-python.wasm not found')) }));
  const diagnostics = service.diagnostics(`${ROOT}/a.fake`);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    [INTERNAL_ERROR],
  );
  const message = diagnostics[0].message;
  assert.ok(typeof message === 'string');
  assert.match(message, /fake support failed to load.*wasm not found/);
  assert.equal(diagnostics[0].severity, 1);
  assert.ok(service.internalErrors().some((e) => /wasm not found/.test(e)));
});

test('a check or a parser that throws is an internal error, which settings and suppressions cannot hide', async () => {
  const throwing = await serviceWith(
    fakeFormat({
      check: () => {
        throw new Error('bad index');
      },
    }),
    { rules: { [INTERNAL_ERROR]: 'off' } },
  );
  throwing.openDocument(`${ROOT}/a.fake`, '# gunicorn-lint: disable-file=gunicorn-lint/internal-error\n', 1);
  assert.deepEqual(
    throwing.diagnostics(`${ROOT}/a.fake`).map((d) => d.code),
    [INTERNAL_ERROR],
  );

  const parser = await serviceWith(
    fakeFormat({
      parse: () => {
        throw new Error('parser broke');
      },
    }),
  );
  const found = parser.diagnostics(`${ROOT}/a.fake`);
  assert.deepEqual(
    found.map((d) => d.code),
    [INTERNAL_ERROR],
  );
  const message = found[0].message;
  assert.ok(typeof message === 'string');
  assert.match(message, /parser failed on this file.*parser broke/);
});

test('a healthy run reports no internal error', async () => {
  const service = await serviceWith(fakeFormat({}));
  assert.deepEqual(service.diagnostics(`${ROOT}/a.fake`), []);
  assert.deepEqual(service.internalErrors(), []);
});
