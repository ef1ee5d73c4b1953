/**
 * The Dockerfile format: stages, the exec and shell forms and how ENTRYPOINT and CMD combine, ENV/ARG/USER/WORKDIR/
 * COPY, the gunicorn sites checked in place, the entrypoint scripts followed through COPY, and the image facts the
 * deployment reads (imageOf, the contract for the compose and Kubernetes readers).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { AnalysisContext, Project } from '../../server/src/core/format';
import { withDefaults } from '../../server/src/core/settings';
import {
  commandForm,
  dockerfileFormat,
  dockerfileSites,
  finalImage,
  isDockerfilePath,
  parseDockerfile,
  readEntrypointScript,
  type DockerfileDocument,
} from '../../server/src/formats/dockerfile';
import { imageOf, workspacePathInImage } from '../../server/src/deployment/fromDockerfile';
import { WorkspaceProject } from '../../server/src/service/project';
import { MemoryFileSystem } from '../support/memoryFileSystem';

function project(files: Record<string, string> = {}): Project {
  const paths = Object.keys(files).sort();
  const under = (dir: string) => paths.filter((file) => file.startsWith(dir + '/'));
  return {
    root: '/w',
    settings: withDefaults({}),
    readFile: (p) => files[p],
    exists: (p) => p in files || under(p).length > 0,
    isDirectory: (p) => under(p).length > 0,
    listDirectory: () => [],
    workspaceFiles: () => paths,
    parsed: () => undefined,
  };
}

function contextOf(text: string, path = '/w/Dockerfile', files: Record<string, string> = {}): AnalysisContext<DockerfileDocument> {
  return { path, text, document: parseDockerfile(text, path), project: project({ [path]: text, ...files }) };
}

/** A real project over memory files, with the Dockerfile format claiming. */
function workspace(files: Record<string, string>): WorkspaceProject {
  return new WorkspaceProject('/w', new MemoryFileSystem(files), withDefaults({}), [dockerfileFormat]);
}

const slice = (text: string, range: { start: number; end: number }) => text.slice(range.start, range.end);

test('claims the names Docker, Podman and VS Code know', () => {
  for (const path of [
    '/w/Dockerfile',
    '/w/Containerfile',
    '/w/api.Dockerfile',
    '/w/docker/web.dockerfile',
    '/w/Dockerfile.prod',
    '/w/Dockerfile.dev',
    '/w/dockerfile',
  ]) {
    assert.ok(isDockerfilePath(path), path);
  }
  for (const path of ['/w/Dockerfile.md', '/w/.dockerfile', '/w/Dockerfile.sh', '/w/docker-compose.yml', '/w/Dockerfiles/x', '/w/app.py', '/w/.dockerignore']) {
    assert.ok(!isDockerfilePath(path), path);
  }
});

test('stages: the last one runs, and inherits from an earlier stage it is built FROM', () => {
  const text = [
    'ARG PY=3.12',
    'FROM python:${PY}-slim AS base',
    'ENV APP_HOME=/srv/app',
    'WORKDIR $APP_HOME',
    'USER app',
    'CMD ["python", "-m", "http.server"]',
    'FROM node:20 AS assets',
    'RUN npm ci',
    'FROM base',
    'EXPOSE 8000/tcp 9000/udp',
    '',
  ].join('\n');
  const doc = parseDockerfile(text, '/w/Dockerfile');
  assert.deepEqual(
    doc.stages.map((s) => [s.base, s.name]),
    [
      ['python:${PY}-slim', 'base'],
      ['node:20', 'assets'],
      ['base', undefined],
    ],
  );
  assert.equal(doc.globalArgs.length, 1);
  const image = finalImage(doc)!;
  assert.equal(image.user?.value, 'app');
  assert.equal(image.workdir?.value, '/srv/app');
  assert.equal(image.env.get('APP_HOME')?.value, '/srv/app');
  assert.deepEqual(
    image.exposed.map((p) => p.port),
    [8000],
  );
  assert.deepEqual(
    image.cmd?.words.map((w) => w.text),
    ['python', '-m', 'http.server'],
  );
});

test('exec form: words are the JSON strings, ranges inside the quotes; escapes are kept apart', () => {
  const args = '["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]';
  const form = commandForm(args, 10)!;
  assert.equal(form.form, 'exec');
  assert.deepEqual(
    form.words.map((w) => [w.text, w.range.start - 10, w.range.end - 10]),
    [
      ['gunicorn', 2, 10],
      ['--bind', 14, 20],
      ['0.0.0.0:8000', 24, 36],
      ['app:app', 40, 47],
    ],
  );
  const escaped = commandForm('["echo", "a\\"b"]', 0)!;
  assert.equal(escaped.words[1].text, 'a"b');
  assert.equal(escaped.words[1].quoted, true);
  // Not JSON: shell form, as Docker reads it.
  assert.equal(commandForm("['gunicorn', 'app:app']", 0)!.form, 'shell');
  assert.equal(commandForm('[gunicorn app:app', 0)!.form, 'shell');
  assert.equal(commandForm('', 0), undefined);
  assert.equal(commandForm('<<EOF', 0), undefined);
});

test('shell form: continuation lines join with exact offsets; a continuation inside a word gives no site', () => {
  const text = 'FROM python:3.12\nCMD gunicorn \\\n    --workers 4 \\\n    # a comment Docker drops\n    app:app\n';
  const doc = parseDockerfile(text, '/w/Dockerfile');
  const image = finalImage(doc)!;
  assert.equal(image.cmd?.form, 'shell');
  assert.deepEqual(
    image.cmd?.words.map((w) => w.text),
    ['gunicorn', '--workers', '4', 'app:app'],
  );
  for (const word of image.cmd.words) assert.equal(slice(text, word.range), word.text);
  assert.deepEqual(
    image.start?.words?.map((w) => w.text),
    ['gunicorn', '--workers', '4', 'app:app'],
  );
  assert.equal(image.start?.pid1, 'shell');

  const glued = 'FROM python:3.12\nCMD gunicorn --work\\\ners 4 app:app\n';
  const start = finalImage(parseDockerfile(glued, '/w/Dockerfile'))!.start!;
  assert.equal(start.pid1, 'shell');
  assert.equal(start.words, undefined);
  assert.deepEqual(
    dockerfileFormat.check(contextOf(glued)).map((f) => f.rule),
    ['container/shell-form-cmd'],
  );
});

test('the escape directive: backtick continuations', () => {
  const text = '# escape=`\nFROM python:3.12\nCMD gunicorn `\n  --workerz 2 app:app\n';
  const findings = dockerfileFormat.check(contextOf(text));
  assert.deepEqual(
    findings.map((f) => [f.rule, slice(text, f.range)]).filter(([rule]) => rule !== 'container/shell-form-cmd'),
    [['gunicorn/unknown-option', '--workerz']],
  );
});

test('ENTRYPOINT and CMD combine as Docker combines them', () => {
  const combined = finalImage(parseDockerfile('FROM p\nENTRYPOINT ["gunicorn", "-w", "2"]\nCMD ["app:app"]\n', '/w/Dockerfile'))!;
  assert.deepEqual(
    combined.start?.words?.map((w) => w.text),
    ['gunicorn', '-w', '2', 'app:app'],
  );
  assert.equal(combined.start?.pid1, 'gunicorn');
  // A shell-form ENTRYPOINT ignores CMD.
  const shell = finalImage(parseDockerfile('FROM p\nENTRYPOINT gunicorn app:app\nCMD ["--workers", "3"]\n', '/w/Dockerfile'))!;
  assert.deepEqual(
    shell.start?.words?.map((w) => w.text),
    ['gunicorn', 'app:app'],
  );
  // ENTRYPOINT resets a CMD inherited from the base stage.
  const reset = finalImage(parseDockerfile('FROM p AS base\nCMD ["gunicorn", "app:app"]\nFROM base\nENTRYPOINT ["python", "worker.py"]\n', '/w/Dockerfile'))!;
  assert.equal(reset.cmd, undefined);
  assert.equal(reset.start?.words, undefined);
  // tini in front; then gunicorn.
  const init = finalImage(parseDockerfile('FROM p\nENTRYPOINT ["/usr/bin/tini", "-g", "--"]\nCMD ["gunicorn", "app:app"]\n', '/w/Dockerfile'))!;
  assert.equal(init.start?.init?.value, 'tini');
  assert.equal(init.start?.pid1, 'gunicorn');
  assert.deepEqual(
    init.start?.words?.map((w) => w.text),
    ['gunicorn', 'app:app'],
  );
  // sh -c in exec form: the script's words, offsets inside the JSON string.
  const text = 'FROM p\nCMD ["sh", "-c", "python manage.py migrate && exec gunicorn -w 2 app:app"]\n';
  const sh = finalImage(parseDockerfile(text, '/w/Dockerfile'))!;
  assert.equal(sh.start?.pid1, 'gunicorn');
  assert.deepEqual(
    sh.start?.words?.map((w) => [w.text, slice(text, w.range)]),
    [
      ['exec', 'exec'],
      ['gunicorn', 'gunicorn'],
      ['-w', '-w'],
      ['2', '2'],
      ['app:app', 'app:app'],
    ],
  );
  // A script first, CMD runs gunicorn: the CMD words are gunicorn's.
  const script = finalImage(parseDockerfile('FROM p\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n', '/w/Dockerfile'))!;
  assert.equal(script.start?.pid1, 'script');
  assert.equal(script.start?.script?.word.text, '/docker-entrypoint.sh');
  assert.deepEqual(
    script.start?.words?.map((w) => w.text),
    ['gunicorn', 'app:app'],
  );
});

test('ENV in both forms, ARG defaults, COPY destinations against WORKDIR', () => {
  const text = [
    'FROM python:3.12',
    'ARG APP=/srv/app',
    'ENV A=1 B="two words" \\',
    '    C=3',
    'ENV LEGACY some value here',
    'WORKDIR ${APP}',
    'COPY --chown=app:app requirements.txt gunicorn.conf.py ./',
    'COPY src/ src/',
    'COPY --from=build /wheels /wheels',
    'COPY start.sh /usr/local/bin/',
    'ENV GUNICORN_CMD_ARGS="--workers 3 --timeoutt 60"',
    'STOPSIGNAL SIGINT',
    'HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1',
    '',
  ].join('\n');
  const image = finalImage(parseDockerfile(text, '/w/Dockerfile'))!;
  assert.deepEqual(
    [...image.env].map(([k, v]) => [k, v.value]),
    [
      ['A', '1'],
      ['B', 'two words'],
      ['C', '3'],
      ['LEGACY', 'some value here'],
      ['GUNICORN_CMD_ARGS', '--workers 3 --timeoutt 60'],
    ],
  );
  assert.equal(slice(text, image.env.get('C')!.range), '3');
  assert.equal(image.workdir?.value, '/srv/app');
  assert.deepEqual(
    image.copies.map((c) => [c.sources, c.destination, c.intoFolder, c.from, c.chown]),
    [
      [['requirements.txt', 'gunicorn.conf.py'], '/srv/app', true, undefined, 'app:app'],
      [['src/'], '/srv/app/src', true, undefined, undefined],
      [['/wheels'], '/wheels', false, 'build', undefined],
      [['start.sh'], '/usr/local/bin', true, undefined, undefined],
    ],
  );
  assert.equal(image.stopSignal?.value, 'SIGINT');
  assert.ok(image.healthcheck);
  const findings = dockerfileFormat.check(contextOf(text));
  assert.deepEqual(
    findings.map((f) => [f.rule, slice(text, f.range)]),
    [['gunicorn/unknown-option', '--timeoutt']],
  );
});

test('check: unknown options in the JSON strings, fixed in place; $PORT and ${VAR:-x} are never judged', () => {
  const text = 'FROM p\nCMD ["gunicorn", "--workerz", "2", "--bind", "0.0.0.0:8000", "app:app"]\n';
  const context = contextOf(text);
  const findings = dockerfileFormat.check(context);
  assert.deepEqual(
    findings.map((f) => [f.rule, slice(text, f.range)]),
    [['gunicorn/unknown-option', '--workerz']],
  );
  assert.equal(dockerfileFormat.fixes!(findings[0], context)[0].edits[0].newText, '--workers');
  const quiet = 'FROM p\nCMD exec gunicorn -w ${WEB_CONCURRENCY:-2} --bind 0.0.0.0:$PORT app:app\n';
  assert.deepEqual(dockerfileFormat.check(contextOf(quiet)), []);
  assert.deepEqual(dockerfileFormat.check(contextOf('FROM p\nCMD ["celery", "--workerz"]\n')), []);
  const path = 'FROM p\nCMD ["gunicorn", "-k", "gevent", "src/main.py:app"]\n';
  assert.deepEqual(
    dockerfileFormat.check(contextOf(path)).map((f) => [f.rule, slice(path, f.range)]),
    [['gunicorn/app-target-syntax', 'src/main.py:app']],
  );
});

test('container/shell-form-cmd: exec form when the line needs no shell, `exec` when it does', () => {
  const plain = 'FROM p\nCMD gunicorn --bind 0.0.0.0:8000 app:app\n';
  let context = contextOf(plain);
  let [finding] = dockerfileFormat.check(context);
  assert.equal(finding.rule, 'container/shell-form-cmd');
  assert.equal(dockerfileFormat.fixes!(finding, context)[0].edits[0].newText, '["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]');
  const needsShell = 'FROM p\nCMD cd /app && gunicorn app:app\n';
  context = contextOf(needsShell);
  [finding] = dockerfileFormat.check(context);
  const edit = dockerfileFormat.fixes!(finding, context)[0].edits[0];
  assert.equal(edit.newText, 'exec ');
  assert.equal(needsShell.slice(edit.range.start, edit.range.start + 8), 'gunicorn');
  // Shell-form ENTRYPOINT too; quiet with exec, under tini, in exec form, or for another program.
  assert.equal(dockerfileFormat.check(contextOf('FROM p\nENTRYPOINT gunicorn app:app\n'))[0]?.rule, 'container/shell-form-cmd');
  for (const quiet of [
    'FROM p\nCMD exec gunicorn app:app\n',
    'FROM p\nENTRYPOINT ["tini", "--"]\nCMD gunicorn app:app\n',
    'FROM p\nCMD ["gunicorn", "app:app"]\n',
    'FROM p\nCMD python app.py\n',
    'FROM p AS build\nCMD gunicorn app:app\nFROM p\nCMD ["gunicorn", "app:app"]\n',
  ])
    assert.deepEqual(dockerfileFormat.check(contextOf(quiet)), [], quiet);
});

test('hover and completion inside the JSON strings and on the shell line', () => {
  const text = 'FROM p\nCMD ["gunicorn", "--workers", "4", "-k", "gevent", "app:app"]\n';
  const context = contextOf(text);
  assert.match(dockerfileFormat.hover!(context, text.indexOf('workers') + 1)?.markdown ?? '', /`workers`/);
  assert.match(dockerfileFormat.hover!(context, text.indexOf('gevent') + 1)?.markdown ?? '', /gevent/);
  assert.equal(dockerfileFormat.hover!(context, text.indexOf('FROM')), undefined);
  const typing = 'FROM p\nCMD gunicorn app:app --ti';
  const items = dockerfileFormat.complete!(contextOf(typing), typing.length);
  assert.ok(items.some((item) => item.label === '--timeout'));
  const json = 'FROM p\nCMD ["gunicorn", "app:app", "--log-level", "';
  assert.ok(dockerfileFormat.complete!(contextOf(json), json.length).some((item) => item.label === 'warning'));
});

test('entrypoint scripts: exec gunicorn, gunicorn without exec, exec "$@"', () => {
  const execs = readEntrypointScript(
    '#!/bin/sh\nset -e\nif [ "$1" = migrate ]; then\n  python manage.py migrate\nfi\nexec gunicorn -c /app/gunicorn.conf.py app:app\n',
  );
  assert.equal(execs.gunicorn?.exec, true);
  assert.deepEqual(
    execs.gunicorn?.words.map((w) => w.text),
    ['exec', 'gunicorn', '-c', '/app/gunicorn.conf.py', 'app:app'],
  );
  const child = readEntrypointScript('#!/bin/bash\npython manage.py collectstatic --noinput\ngunicorn \\\n  --workers 2 app:app\n');
  assert.equal(child.gunicorn?.exec, false);
  assert.deepEqual(
    child.gunicorn?.words.map((w) => w.text),
    ['gunicorn', '--workers', '2', 'app:app'],
  );
  const hands = readEntrypointScript('#!/bin/sh\nset -e\necho "starting $@"\nexec "$@"\n');
  assert.equal(hands.gunicorn, undefined);
  assert.ok(hands.execArgs);
  const keeps = readEntrypointScript('#!/bin/sh\n"$@"\n');
  assert.ok(keeps.runsArgs && !keeps.execArgs);
});

test('imageOf: WORKDIR mapped through COPY, scripts followed, configs traced; the compose/Kubernetes contract', () => {
  const files = {
    '/w/svc/Dockerfile': [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY docker/entrypoint.sh /usr/local/bin/',
      'COPY . .',
      'USER app',
      'EXPOSE 8000',
      'ENTRYPOINT ["entrypoint.sh"]',
      'CMD ["gunicorn", "-c", "/app/conf/gunicorn.py", "app:app"]',
      '',
    ].join('\n'),
    '/w/svc/docker/entrypoint.sh': '#!/bin/sh\nset -e\npython manage.py migrate\nexec "$@"\n',
    '/w/svc/app.py': 'app = object()\n',
  };
  const ws = workspace(files);
  const image = imageOf(ws, '/w/svc/Dockerfile')!;
  assert.equal(image.context, '/w/svc');
  assert.equal(image.workingFolder, '/w/svc');
  assert.equal(image.script?.file, '/w/svc/docker/entrypoint.sh');
  assert.equal(image.pid1?.value, 'gunicorn');
  assert.deepEqual(
    image.gunicorn?.site.words.map((w) => w.text),
    ['gunicorn', '-c', '/app/conf/gunicorn.py', 'app:app'],
  );
  assert.equal(image.gunicorn?.site.path, '/w/svc/Dockerfile');
  assert.deepEqual(
    image.exposed.map((p) => p.value),
    [8000],
  );
  assert.equal(image.user?.value, 'app');
  assert.deepEqual(image.configSource && [image.configSource.imagePath, image.configSource.file, image.configSource.exists], [
    '/app/conf/gunicorn.py',
    '/w/svc/conf/gunicorn.py',
    false,
  ]);
  assert.deepEqual(workspacePathInImage(image, '/usr/local/bin/entrypoint.sh', ws).file, '/w/svc/docker/entrypoint.sh');
  assert.equal(workspacePathInImage(image, '/etc/passwd', ws).covered, false);
  assert.equal(imageOf(ws, '/w/svc/app.py'), undefined);

  // A script that runs gunicorn itself, without exec: the script is PID 1 and its words are the command.
  const child = workspace({
    '/w/Dockerfile': 'FROM p\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n',
    '/w/start.sh': '#!/bin/sh\ngunicorn --bind 0.0.0.0:8000 app:app\n',
  });
  const run = imageOf(child, '/w/Dockerfile')!;
  assert.equal(run.pid1?.value, 'script');
  assert.equal(run.gunicorn?.site.path, '/w/start.sh');
  assert.equal(run.gunicorn?.site.host, 'script');

  // COPY --from= may put anything there: nothing is said about the config.
  const opaque = workspace({
    '/w/Dockerfile': 'FROM p\nWORKDIR /app\nCOPY . .\nCOPY --from=build /app/conf /app/conf\nCMD ["gunicorn", "-c", "conf/g.py", "app:app"]\n',
  });
  assert.equal(imageOf(opaque, '/w/Dockerfile')?.configSource, undefined);
});

test('sites: GUNICORN_CMD_ARGS from ENV is a cmd-args site with exact offsets', () => {
  const text = 'FROM p\nENV GUNICORN_CMD_ARGS="--workers=3 --bind=0.0.0.0:8000"\nCMD ["gunicorn", "app:app"]\n';
  const sites = dockerfileSites(parseDockerfile(text, '/w/Dockerfile'));
  assert.equal(sites.cmdArgs?.kind, 'cmd-args');
  assert.deepEqual(
    sites.cmdArgs?.words.map((w) => slice(text, w.range)),
    ['--workers=3', '--bind=0.0.0.0:8000'],
  );
});

const PIECES = [
  'FROM p',
  'FROM p AS b',
  'FROM b',
  '\n',
  '\r\n',
  ' ',
  'CMD ',
  'ENTRYPOINT ',
  'ENV ',
  'ARG ',
  'USER ',
  'WORKDIR ',
  'COPY ',
  'EXPOSE ',
  '["',
  '"]',
  '", "',
  '[',
  ']',
  '"',
  "'",
  '\\',
  '\\\n',
  '`',
  '# escape=`\n',
  'gunicorn',
  '--workerz',
  '-w',
  '2',
  '$PORT',
  '${X:-2}',
  'app:app',
  'sh',
  '-c',
  'exec',
  '&&',
  'tini',
  '--',
  '=',
  'A=1',
  '#',
  '<<EOF',
  'x',
];

test('fuzz: parse, image, check, fixes, hover and completion never throw and stay inside the text', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 40 }), fc.nat(), (text, seed) => {
      const context = contextOf(text);
      const inside = (r: { start: number; end: number }) => 0 <= r.start && r.start <= r.end && r.end <= text.length;
      for (const stage of context.document.stages)
        for (const instruction of stage.instructions) assert.ok(inside(instruction.range) && inside(instruction.argsRange));
      const image = finalImage(context.document);
      for (const word of image?.start?.words ?? []) assert.ok(inside(word.range));
      for (const finding of dockerfileFormat.check(context)) {
        assert.ok(inside(finding.range), finding.rule);
        for (const fix of dockerfileFormat.fixes!(finding, context)) for (const edit of fix.edits) assert.ok(inside(edit.range));
      }
      const offset = text.length === 0 ? 0 : seed % (text.length + 1);
      const hover = dockerfileFormat.hover!(context, offset);
      if (hover) assert.ok(inside(hover.range));
      for (const item of dockerfileFormat.complete!(context, offset)) if (item.replace) assert.ok(inside(item.replace));
    }),
    { numRuns: 400 },
  );
});

test('fuzz: arbitrary text never throws (parser and entrypoint-script reader)', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      const doc = parseDockerfile(text, '/w/Dockerfile');
      finalImage(doc);
      dockerfileSites(doc);
      const script = readEntrypointScript(text);
      for (const word of script.gunicorn?.words ?? []) assert.ok(word.range.end <= text.length);
    }),
    { numRuns: 300 },
  );
});

test('ARGs before FROM are visible in a stage only where it declares them again', () => {
  const hidden = finalImage(parseDockerfile('ARG APP=/srv/app\nFROM p\nWORKDIR $APP\n', '/w/Dockerfile'))!;
  assert.ok(hidden.workdir?.value.includes('$APP'));
  const declared = finalImage(parseDockerfile('ARG APP=/srv/app\nFROM p\nARG APP\nWORKDIR $APP\n', '/w/Dockerfile'))!;
  assert.equal(declared.workdir?.value, '/srv/app');
  const unset = finalImage(parseDockerfile('FROM p\nARG APP\nWORKDIR $APP/x\n', '/w/Dockerfile'))!;
  assert.ok(unset.workdir?.value.includes('$APP'));
});

test('ADD of a local archive unpacks it: not a copy of the file', () => {
  const ws = workspace({
    '/w/Dockerfile': 'FROM p\nWORKDIR /app\nADD app.tar.gz /app/\nCMD ["gunicorn", "-c", "/app/gunicorn.conf.py", "app:app"]\n',
    '/w/app.tar.gz': 'x',
  });
  const image = imageOf(ws, '/w/Dockerfile')!;
  assert.deepEqual(image.copies, []);
  assert.equal(image.opaqueCopies.length, 1);
  assert.equal(image.configSource, undefined);
});

test('wrappers that exec their command: APM agents and user switchers leave gunicorn PID 1 and its words checked', () => {
  for (const command of [
    '["ddtrace-run", "gunicorn", "--workerz", "2", "app:app"]',
    '["newrelic-admin", "run-program", "gunicorn", "--workerz", "2", "app:app"]',
    '["opentelemetry-instrument", "--traces_exporter", "otlp", "gunicorn", "--workerz", "2", "app:app"]',
    '["gosu", "app", "gunicorn", "--workerz", "2", "app:app"]',
    '["su-exec", "app:app", "ddtrace-run", "python", "-m", "gunicorn", "--workerz", "2", "app:app"]',
  ]) {
    const text = `FROM p\nCMD ${command}\n`;
    const image = finalImage(parseDockerfile(text, '/w/Dockerfile'))!;
    assert.equal(image.start?.pid1, 'gunicorn', command);
    assert.deepEqual(
      dockerfileFormat.check(contextOf(text)).map((f) => slice(text, f.range)),
      ['--workerz'],
      command,
    );
  }
});

test('entrypoint scripts: exec through gosu/su-exec/ddtrace-run still replaces the script', () => {
  const viaGosu = readEntrypointScript('#!/bin/sh\nchown -R app /data\nexec gosu app gunicorn --bind 0.0.0.0:8000 app:app\n');
  assert.equal(viaGosu.gunicorn?.exec, true);
  assert.deepEqual(
    viaGosu.gunicorn?.words.map((w) => w.text),
    ['exec', 'gunicorn', '--bind', '0.0.0.0:8000', 'app:app'],
  );
  const text = '#!/bin/sh\nexec su-exec app ddtrace-run "$@"\n';
  assert.ok(readEntrypointScript(text).execArgs);
});

test("the build context: the Dockerfile's folder, else the enclosing folder that has what COPY names", () => {
  const ws = workspace({
    '/w/docker/Dockerfile': 'FROM p\nWORKDIR /app\nCOPY requirements.txt .\nCOPY . .\nCMD ["gunicorn", "-c", "gunicorn.conf.py", "app:app"]\n',
    '/w/requirements.txt': 'gunicorn\n',
    '/w/gunicorn.conf.py': 'workers = 2\n',
    '/w/app.py': 'app = None\n',
  });
  const image = imageOf(ws, '/w/docker/Dockerfile')!;
  assert.equal(image.context, '/w');
  assert.equal(image.workingFolder, '/w');
  assert.equal(image.configSource?.exists, true);
  // Nothing fits (a file made by an earlier build step): no copy is mapped, nothing is judged.
  const none = workspace({ '/w/Dockerfile': 'FROM p\nWORKDIR /app\nCOPY dist/ ./\nCMD ["gunicorn", "-c", "g.py", "app:app"]\n' });
  const unknown = imageOf(none, '/w/Dockerfile')!;
  assert.deepEqual(unknown.copies, []);
  assert.equal(unknown.configSource, undefined);
  assert.equal(unknown.workingFolder, undefined);
});
