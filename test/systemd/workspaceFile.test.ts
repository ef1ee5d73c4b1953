/** Files a unit names, found in the workspace by base name (one index per walk list, see core/workspaceNames.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findWorkspaceFile } from '../../server/src/formats/systemd/workspaceFile';
import { findUnitFile } from '../../server/src/formats/systemd/rules/socketUnitMissing';
import { memoryProject } from '../support/memoryFileSystem';

const { project, fs } = memoryProject('/w', {
  'deploy/a/app.service': '',
  'deploy/a/env': 'A=1\n',
  'deploy/b/app.service': '',
  'deploy/b/conf/env': 'B=1\n',
  'other/env': 'C=1\n',
  'units/app.socket': '',
  'units/worker@.socket': '',
  'units/gunicorn.conf.py': '',
  'z/gunicorn.conf.py': '',
  'y/gunicorn.conf.py': '',
});

test('a base name resolves to the file nearest the unit', () => {
  assert.equal(findWorkspaceFile('/etc/app/env', '/w/deploy/a/app.service', undefined, project), '/w/deploy/a/env');
  assert.equal(findWorkspaceFile('/etc/app/env', '/w/deploy/b/app.service', undefined, project), '/w/deploy/b/conf/env');
  assert.equal(findWorkspaceFile('/etc/app/env', '/w/units/app.socket', undefined, project), '/w/deploy/a/env', 'equally far: the first by name');
  assert.equal(findWorkspaceFile('/etc/app/missing', '/w/deploy/a/app.service', undefined, project), undefined);
  assert.equal(findWorkspaceFile('/etc/%i/env', '/w/deploy/a/app.service', undefined, project), undefined, "specifiers are the host's");
});

test('ties between equally near files go to the first by name, whatever the walk order', () => {
  assert.equal(findWorkspaceFile('/srv/app/gunicorn.conf.py', '/w/deploy/a/app.service', undefined, project), '/w/units/gunicorn.conf.py');
  assert.equal(findWorkspaceFile('gunicorn.conf.py', '/w/x.service', undefined, project), '/w/units/gunicorn.conf.py');
});

test('unit files by name and by template; a file that appears is found once the walk sees it', () => {
  assert.equal(findUnitFile(project, 'app.socket'), '/w/units/app.socket');
  assert.equal(findUnitFile(project, 'worker@3.socket'), '/w/units/worker@.socket');
  assert.equal(findUnitFile(project, 'missing.socket'), undefined);
  fs.write('/w/units/missing.socket', '');
  project.invalidate(['/w/units/missing.socket']);
  assert.equal(findUnitFile(project, 'missing.socket'), '/w/units/missing.socket');
});
