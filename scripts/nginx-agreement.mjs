#!/usr/bin/env node
// Agreement with Debian's `nginx -t` (1.22.1) over the oracle corpus (test/nginx/oracleCorpus.ts), for the nginx
// 1.22 table and the newest one: the share of files nginx refuses that we flag on the line it names, and the share
// of files it accepts that we leave free of errors. Needs `npm run compile` first, nginx installed, and root (nginx
// -t binds the listen sockets). Usage: node scripts/nginx-agreement.mjs [--list] [--class]
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const { judgeCorpus, agreement, nginxAvailable } = require(join(root, 'out', 'test', 'nginx', 'oracleCorpus.js'));
const { NGINX_NEWEST_VERSION } = require(join(root, 'out', 'server', 'src', 'knowledge', 'nginx', 'directives.generated.js'));

if (!nginxAvailable()) {
  console.error('nginx-agreement: needs nginx and root');
  process.exit(2);
}
const pct = (part, whole) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);
for (const version of ['1.22', NGINX_NEWEST_VERSION]) {
  const verdicts = await judgeCorpus(version);
  const a = agreement(verdicts);
  console.log(`nginx table ${version}: ${verdicts.length} files; refused by nginx: ${a.refused}, flagged on nginx's line ${a.refusedFlagged} (${pct(a.refusedFlagged, a.refused)}); accepted: ${a.accepted}, error-free ${a.acceptedClean} (${pct(a.acceptedClean, a.accepted)})`);
  if (process.argv.includes('--class')) {
    const classes = new Map();
    for (const v of verdicts) {
      const key = v.class ?? (v.name.startsWith('fixture') ? 'fixtures' : v.name.startsWith('probe') ? 'probes' : 'mutations');
      classes.set(key, [...(classes.get(key) ?? []), v]);
    }
    for (const [key, list] of classes) {
      const c = agreement(list);
      console.log(`  ${key}: refused ${c.refusedFlagged}/${c.refused}, accepted ${c.acceptedClean}/${c.accepted}`);
    }
  }
  if (process.argv.includes('--list')) for (const v of verdicts) if (!v.agree) console.log(`  ${v.detail}`);
}
