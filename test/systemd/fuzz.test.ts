import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { systemdFormat } from '../../server/src/formats/systemd';
import { contextFor, memoryProject } from './support';

const LINES = [
  '[Unit]',
  '[Service]',
  '[Socket]',
  '[Install]',
  '[Servic',
  '[X-A]',
  'Requires=app.socket %p@%i.socket',
  'Type=notify',
  'Type=',
  'ExecStart=/srv/.venv/bin/gunicorn -w 9 -k gevent --bind unix:/run/app/a.sock -c gunicorn.conf.py app:app \\',
  'ExecStart=python3 -m gunicorn "a b" \'c\' ${X} $Y ; /bin/true',
  'ExecStart=-@:+!rel/path x',
  'KillMode=process',
  'Environment=A=1 "B=2 3" BAD SECRET_TOKEN=x',
  'LimitNOFILE=1:2:3',
  'TimeoutStopSec=1min 3',
  '# comment',
  '  ; c',
  'ListenStream=/run/x.sock',
  'RuntimeDirectory=/abs',
  '=x',
  'NoEquals',
  '\\',
  '%',
  'Sockets=a.socket',
  'ExecReload=',
];

test('fuzz: check, fixes, hover, completion and links never throw and stay inside the text', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 12 })), { maxLength: 25 }),
      fc.constantFrom('\n', '\r\n'),
      fc.constantFrom('/w/app.service', '/w/app.socket', '/w/app.service.d/x.conf', '/w/a@.service'),
      fc.nat(),
      (lines, eol, path, seed) => {
        const text = lines.join(eol);
        const project = memoryProject({ [path]: text, '/w/gunicorn.conf.py': 'workers = 3\n' });
        const context = contextFor(text, path, project);
        const inside = (r: { start: number; end: number }) => 0 <= r.start && r.start <= r.end && r.end <= text.length;
        for (const finding of systemdFormat.check(context)) {
          assert.ok(inside(finding.range), `${finding.rule} range outside the text`);
          for (const fix of systemdFormat.fixes!(finding, context)) for (const edit of fix.edits) assert.ok(inside(edit.range));
        }
        const offset = text.length === 0 ? 0 : seed % (text.length + 1);
        const hover = systemdFormat.hover!(context, offset);
        if (hover) assert.ok(inside(hover.range));
        for (const item of systemdFormat.complete!(context, offset)) if (item.replace) assert.ok(inside(item.replace));
        for (const link of systemdFormat.links!(context)) assert.ok(inside(link.range));
        systemdFormat.symbols!(context);
        systemdFormat.folding!(context);
      },
    ),
    { numRuns: 300 },
  );
});
