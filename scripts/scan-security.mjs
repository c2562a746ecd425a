#!/usr/bin/env node
// `npm run scan:security`: Electronegativity over the main-process sources; fails on any finding
// that is not justified in place with an `eng-disable CHECK_ID` comment on the flagged line.
//   node scripts/scan-security.mjs [dir ...]     (default: src-main)
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// Electronegativity's own CLI cannot be used: it relies on a hoisted commander 2-7 (this project
// has 14) and fetches translations and Electron release data from the internet on every run.
// The runner API is stable; `got` is replaced before it loads so that no request leaves the
// machine (a 404 makes i18n keep its bundled English strings).
const engDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const gotPath = require.resolve('got', { paths: [join(engDir, 'dist')] });
const offlineGot = Object.assign(async () => ({ statusCode: 404, body: '' }), {
  head: async () => {
    throw new Error('offline: no release data');
  },
});
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offlineGot };
const run = require(join(engDir, 'dist/runner.js'));

// Needs release data from the internet, and `npm audit`/Dependabot already cover it.
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

const electronVersion = JSON.parse(
  readFileSync(join(dirname(require.resolve('electron/package.json')), 'package.json'), 'utf8'),
).version;

const inputs = process.argv.slice(2);
const dirs = (inputs.length > 0 ? inputs : ['src-main']).map((d) => resolve(root, d));

let failures = 0;
for (const dir of dirs) {
  const scanned = countSources(dir);
  const result = await run(
    {
      input: dir,
      output: undefined,
      isRelative: true,
      isVerbose: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  const name = relative(root, dir) || '.';
  for (const error of result.errors) {
    // A file the parser cannot read is a file nobody checked.
    if (error.tolerable) continue;
    failures++;
    process.stdout.write(`PARSE ERROR ${relative(root, error.file)}: ${error.message}\n`);
  }
  for (const issue of result.issues) {
    failures++;
    const where = issue.file === 'N/A' ? `${name} (whole app)` : `${name}/${issue.file}`;
    const line = issue.location.line ? `:${issue.location.line}:${issue.location.column}` : '';
    process.stdout.write(
      `${issue.id} ${where}${line} [${issue.severity.name}/${issue.confidence.name}]\n` +
        `    ${issue.description.replace(/\s+/g, ' ').trim()}\n` +
        `    ${issue.shortenedURL}\n`,
    );
  }
  process.stdout.write(
    `electronegativity ${name}: ${scanned} files, ${result.atomicChecks + result.globalChecks} checks, ` +
      `${result.issues.length} unjustified findings\n`,
  );
}

if (failures > 0) {
  process.stdout.write(
    '\nFix each finding, or justify it where it is flagged with a comment on that line:\n' +
      '    /* eng-disable CHECK_ID */ followed by why it is safe.\n',
  );
  process.exit(1);
}

function countSources(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(m?[jt]sx?|html?|json)$/.test(entry.name)) count++;
  }
  return count;
}
