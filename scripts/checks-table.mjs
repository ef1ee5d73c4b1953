// Rewrites the README's table of checks from the registry (run after `npm run compile`).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { checksTableMarkdown } = require('../out/server/src/service/checksTable.js');
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('<!-- checks:start -->');
const end = readme.indexOf('<!-- checks:end -->');
if (start < 0 || end < start) throw new Error('README.md lacks the checks markers');
writeFileSync('README.md', readme.slice(0, start) + '<!-- checks:start -->\n' + checksTableMarkdown() + '\n' + readme.slice(end));
