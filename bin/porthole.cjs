#!/usr/bin/env node
// Entry of the `porthole` command: runs the bundled CLI (out/cli, written by `npm run build` and
// shipped built in the npm package). CommonJS, like the bundle: Node starts a CommonJS program
// without its ES module loader, several milliseconds sooner (bench/cli-startup.js measures it).
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

// Node >= 22.1 keeps V8's compiled code of the bundle between runs (in the OS temp folder), so later
// starts skip most of the parsing, as `tsc` does; older Node has no such call and starts as before.
/** @type {{ enableCompileCache?: () => unknown }} */ (
  require('node:module')
).enableCompileCache?.();

const entry = path.join(__dirname, '..', 'out', 'cli', 'main.cjs');
if (!existsSync(entry)) {
  process.stderr.write(
    'porthole: not built yet. Run `npm run build` (or `npm ci`) in the repository first.\n',
  );
  process.exit(2);
}
/** @type {{ main: (argv: string[]) => Promise<number> }} */
const cli = require(entry);
void cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
