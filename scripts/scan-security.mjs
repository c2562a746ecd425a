#!/usr/bin/env node
// `npm run scan:security`: Electronegativity over the main-process sources; fails on any finding
// that is not justified in place with an `eng-disable CHECK_ID` comment on the flagged line. Then
// the window's Content Security Policy (src-main/shared/csp.ts), which is built at run time where
// Electronegativity cannot read it, through the same CSP evaluator plus a rule it lacks: no
// 'unsafe-*' source in any directive.
//   node scripts/scan-security.mjs [--csp file.ts] [dir ...]     (default: src-main/shared/csp.ts, src-main)
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

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

/**
 * Evaluator findings accepted, each with why. 'self' for scripts is risky when the origin also
 * serves JSONP, Angular templates or user uploads: ours serves the built window and nothing else.
 */
const ACCEPTED_POLICY_FINDINGS = [{ directive: 'script-src', value: "'self'" }];

const electronVersion = JSON.parse(
  readFileSync(join(dirname(require.resolve('electron/package.json')), 'package.json'), 'utf8'),
).version;

const args = process.argv.slice(2);
const cspAt = args.indexOf('--csp');
const cspFile = resolve(root, cspAt < 0 ? 'src-main/shared/csp.ts' : (args[cspAt + 1] ?? ''));
const inputs = cspAt < 0 ? args : args.filter((_, i) => i !== cspAt && i !== cspAt + 1);
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

failures += await scanPolicy(cspFile);

if (failures > 0) {
  process.stdout.write(
    '\nFix each finding, or justify it where it is flagged with a comment on that line:\n' +
      '    /* eng-disable CHECK_ID */ followed by why it is safe.\n',
  );
  process.exit(1);
}

/** CONTENT_SECURITY_POLICY of a TypeScript module, through the evaluator; returns the failure count. */
async function scanPolicy(file) {
  const js = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const module = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
  const policy = module.CONTENT_SECURITY_POLICY;
  const name = relative(root, file);
  if (typeof policy !== 'string') {
    process.stdout.write(`CSP ${name}: exports no CONTENT_SECURITY_POLICY string\n`);
    return 1;
  }
  const csp = require(require.resolve('@doyensec/csp-evaluator', { paths: [engDir] }));
  const { HIGH, SYNTAX, MEDIUM, HIGH_MAYBE, MEDIUM_MAYBE } = csp.severities;
  const counted = [HIGH, SYNTAX, MEDIUM, HIGH_MAYBE, MEDIUM_MAYBE];
  const parsed = new csp.CspParser(policy).csp;
  const findings = new csp.CspEvaluator(parsed, csp.Version.CSP3)
    .evaluate()
    .filter((f) => counted.includes(f.severity))
    .filter(
      (f) =>
        !ACCEPTED_POLICY_FINDINGS.some((a) => a.directive === f.directive && a.value === f.value),
    )
    .map((f) => `${f.directive}${f.value ? ` ${f.value}` : ''}: ${f.description}`);
  for (const [directive, values] of Object.entries(parsed)) {
    for (const value of values ?? []) {
      if (/^'unsafe-/i.test(value))
        findings.push(`${directive} ${value}: allows inline or eval'd code`);
    }
  }
  for (const finding of findings) process.stdout.write(`CSP ${name}: ${finding}\n`);
  process.stdout.write(`csp ${name}: ${findings.length} findings\n`);
  return findings.length;
}

function countSources(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(m?[jt]sx?|html?|json)$/.test(entry.name)) count++;
  }
  return count;
}
