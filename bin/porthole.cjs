#!/usr/bin/env node
// Entry of the `porthole` command: runs the bundled CLI (out/cli, written by `npm run build` and
// shipped built in the npm package). CommonJS, like the bundle: Node starts a CommonJS program
// without its ES module loader, several milliseconds sooner (bench/cli-startup.js measures it).
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', 'out', 'cli');
const entry = path.join(root, 'main.cjs');
if (!existsSync(entry)) {
  process.stderr.write(
    'porthole: not built yet. Run `npm run build` (or `npm ci`) in the repository first.\n',
  );
  process.exit(2);
}

// V8's compiled code of the bundle is kept between runs, so later starts skip most compiling, as
// `tsc` does: Node >= 22.1 does it itself (in the OS temp folder), older Node through
// compile-cache.cjs (in this user's cache folder).
/** @type {{ enableCompileCache?: () => unknown }} */
const nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
else require('./compile-cache.cjs').cacheCompiledCode(root, process.argv[2]);

/** @type {{ main: (argv: string[]) => Promise<number> }} */
const cli = require(entry);
void cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
