/** The compose format: which files it claims, its YAML reading with exact ranges, the gunicorn facts and sites. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { invocationOf } from '../../server/src/commandline/site';
import { withDefaults } from '../../server/src/core/settings';
import { commandSites, composeDuration, composeFacts, composeFormat, isComposePath, parseCompose } from '../../server/src/formats/compose';

const slice = (text: string, range: { start: number; end: number }) => text.slice(range.start, range.end);

test('claims compose file names, nothing else', () => {
  for (const path of [
    '/w/compose.yaml',
    '/w/compose.yml',
    '/w/docker-compose.yml',
    '/w/docker-compose.prod.yaml',
    '/w/compose.override.yaml',
    '/w/docker-compose-dev.yml',
  ]) {
    assert.ok(isComposePath(path), path);
  }
  for (const path of ['/w/compose.json', '/w/k8s/deployment.yaml', '/w/my-compose.yaml', '/w/.github/workflows/ci.yml', '/w/composer.yaml']) {
    assert.ok(!isComposePath(path), path);
  }
});

test('durations as compose reads them', () => {
  assert.equal(composeDuration('1m30s'), 90);
  assert.equal(composeDuration('10s'), 10);
  assert.equal(composeDuration('1.5h'), 5400);
  assert.equal(composeDuration('500ms'), 0.5);
  assert.equal(composeDuration('90'), undefined);
  assert.equal(composeDuration('soon'), undefined);
});

test('services: every field with its place', () => {
  const text = [
    'x-defaults: &defaults',
    '  stop_grace_period: 45s',
    'services:',
    '  web:',
    '    <<: *defaults',
    '    build:',
    '      context: ./src',
    '      dockerfile: Dockerfile.web',
    "    command: ['gunicorn', \"--bind\", 0.0.0.0:8000, 'app:app']",
    '    environment:',
    '      - GUNICORN_CMD_ARGS=--workers 4',
    '      - EMPTY',
    '    init: true',
    '    user: "1000:1000"',
    '    working_dir: /app',
    '    ports: ["127.0.0.1:8080:8000/tcp", {target: 9000, published: 9001}]',
    '    expose: [8000]',
    '    cpus: 1.5',
    '    depends_on: {db: {condition: service_healthy}}',
    '    networks:',
    '      front:',
    '        aliases: [api]',
    '    container_name: myweb',
    '  db:',
    '    image: postgres:16',
  ].join('\n');
  const doc = parseCompose(text, '/w/compose.yaml');
  assert.deepEqual(
    doc.services.map((s) => s.name),
    ['web', 'db'],
  );
  const web = doc.services[0];
  assert.equal(slice(text, web.nameRange), 'web');
  assert.equal(web.stopGracePeriod?.seconds, 45);
  assert.equal(slice(text, web.stopGracePeriod.range), '45s');
  assert.deepEqual(web.build && { context: web.build.context, dockerfile: web.build.dockerfile }, { context: './src', dockerfile: 'Dockerfile.web' });
  assert.equal(web.command?.form, 'list');
  assert.ok(web.command?.exact);
  for (const word of web.command.words) assert.equal(slice(text, word.range), word.text);
  assert.deepEqual(
    web.environment.map((e) => [e.name, e.value]),
    [
      ['GUNICORN_CMD_ARGS', '--workers 4'],
      ['EMPTY', undefined],
    ],
  );
  assert.equal(web.init?.value, true);
  assert.equal(web.user?.value, '1000:1000');
  assert.equal(web.workingDir?.value, '/app');
  assert.deepEqual(
    web.ports.map((p) => [p.target, p.published]),
    [
      [8000, '127.0.0.1:8080'],
      [9000, '9001'],
    ],
  );
  assert.deepEqual(
    web.expose.map((p) => p.value),
    [8000],
  );
  assert.equal(web.cpus?.value, 1.5);
  assert.deepEqual(web.dependsOn, ['db']);
  assert.deepEqual(web.aliases, ['api', 'myweb']);
  assert.equal(web.firstKey?.column, 4);
});

test('facts: the gunicorn command, GUNICORN_CMD_ARGS, and sites only where offsets are exact', () => {
  const text = [
    'services:',
    '  web:',
    '    command: gunicorn -w 4 --bind "0.0.0.0:8000" app:app',
    '    environment:',
    '      GUNICORN_CMD_ARGS: "--timeout 60"',
    '  escaped:',
    '    command: "gunicorn\\t-w 2 app:app"',
    '  wrapped:',
    '    entrypoint: ["/docker-entrypoint.sh"]',
    '    command: ["gunicorn", "app:app"]',
    '  split:',
    '    entrypoint: ["gunicorn"]',
    '    command: ["--workers", "3", "app:app"]',
    '  shell:',
    '    command: ["sh", "-c", "cd /app && exec gunicorn app:app"]',
    '  other:',
    '    command: celery -A app worker',
  ].join('\n');
  const doc = parseCompose(text, '/w/compose.yaml');
  const facts = composeFacts(doc).services;
  const byName = new Map(facts.map((f) => [f.service.name, f]));
  const web = byName.get('web')!;
  assert.ok(web.gunicorn?.site);
  assert.deepEqual(
    web.gunicorn.invocation.options.map((o) => [o.setting?.name, o.value?.text]),
    [
      ['workers', '4'],
      ['bind', '0.0.0.0:8000'],
    ],
  );
  assert.equal(slice(text, web.gunicorn.invocation.appTarget!.range), 'app:app');
  assert.equal(slice(text, web.cmdArgs!.invocation.options[0].flagRange), '--timeout');
  const escaped = byName.get('escaped')!;
  assert.ok(escaped.gunicorn && !escaped.gunicorn.site, 'facts without a site when the scalar has escapes');
  assert.equal(byName.get('wrapped')!.gunicorn?.wrapper?.program, '/docker-entrypoint.sh');
  const split = byName.get('split')!.gunicorn!;
  assert.equal(split.from, 'entrypoint');
  assert.equal(split.invocation.appTarget?.text, 'app:app');
  assert.equal(optionText(split.invocation, 'workers'), '3');
  const shell = byName.get('shell')!.gunicorn!;
  assert.ok(shell.viaShell && shell.exec);
  assert.equal(slice(text, shell.invocation.appTarget!.range), 'app:app');
  assert.equal(byName.get('other')!.gunicorn, undefined);
  // Sites: web's command, web's GUNICORN_CMD_ARGS, wrapped, split, shell.
  assert.equal(commandSites(doc).length, 5);
  for (const site of commandSites(doc)) assert.equal(invocationOf(site), invocationOf(site));
});

function optionText(invocation: { options: { setting?: { name: string }; value?: { text: string } }[] }, name: string): string | undefined {
  return invocation.options.find((o) => o.setting?.name === name)?.value?.text;
}

test('templated, empty and non-compose YAML give no services', () => {
  assert.equal(parseCompose('services:\n  web:\n    command: gunicorn {{ .Values.app }}\n', '/w/compose.yaml').services.length, 0);
  assert.ok(parseCompose('services:\n  web:\n    command: gunicorn {{ .Values.app }}\n', '/w/compose.yaml').templated);
  assert.equal(parseCompose('', '/w/compose.yaml').services.length, 0);
  assert.equal(parseCompose('- a\n- b\n', '/w/compose.yaml').services.length, 0);
  assert.equal(parseCompose('services: [1, 2]\n', '/w/compose.yaml').services.length, 0);
  assert.equal(parseCompose('services:\n  web: [\n', '/w/compose.yaml').services.length, 0);
});

const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'services:',
        '  web:',
        '    command: ',
        'gunicorn',
        ' -w 4',
        ' "x',
        "'",
        '[',
        ']',
        '{',
        '}',
        ',',
        '- ',
        '  - ',
        '&a',
        '*a',
        '<<: *a',
        '\n',
        '\r\n',
        '\t',
        ': ',
        '#',
        '|',
        '>',
        'environment:',
        'GUNICORN_CMD_ARGS=',
        '---\n',
        '"\\u00e9"',
        '{{ x }}',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

test('fuzz: never throws, every range inside the text', () => {
  fc.assert(
    fc.property(yamlish, (text) => {
      const doc = parseCompose(text, '/w/compose.yaml');
      const inside = (range: { start: number; end: number }) =>
        assert.ok(range.start >= 0 && range.start <= range.end && range.end <= text.length, JSON.stringify(range));
      for (const service of doc.services) {
        inside(service.nameRange);
        inside(service.range);
        for (const command of [service.command, service.entrypoint]) if (command) for (const word of command.words) inside(word.range);
        for (const entry of service.environment) inside(entry.range);
      }
      for (const site of commandSites(doc)) for (const word of site.words) inside(word.range);
    }),
    { numRuns: 400 },
  );
});

test('the command line in place: checked, hovered and completed as in a unit', () => {
  const text = 'services:\n  web:\n    command: ["gunicorn", "--time-out", "30", "--workers", "4", "app:app"]\n';
  const path = '/w/compose.yaml';
  const project = {
    root: '/w',
    settings: withDefaults({}),
    readFile: (p: string) => (p === path ? text : undefined),
    exists: (p: string) => p === path,
    isDirectory: () => false,
    listDirectory: () => [],
    workspaceFiles: () => [path],
    parsed: () => undefined,
  };
  const context = { path, text, document: composeFormat.parse(text, path), project };
  const findings = composeFormat.check(context);
  assert.deepEqual(
    findings.map((f) => [f.rule, slice(text, f.range)]),
    [['gunicorn/unknown-option', '--time-out']],
  );
  const fix = composeFormat.fixes!(findings[0], context)[0];
  assert.equal(fix.edits[0].newText, '--timeout');
  const hover = composeFormat.hover!(context, text.indexOf('--workers') + 3);
  assert.match(hover?.markdown ?? '', /workers/);
  const items = composeFormat.complete!(context, text.indexOf('--workers') + 6);
  assert.ok(items.some((item) => item.label === '--workers'));
});
