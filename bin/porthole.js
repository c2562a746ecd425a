#!/usr/bin/env node
// Entry of the `porthole` command: runs the bundled CLI (out/cli, written by `npm run build` and
// shipped built in the npm package).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node >= 22.1 keeps V8's compiled code of the bundle between runs (in the OS temp folder), so later
// starts skip most of the parsing, as `tsc` does; older Node has no such call and starts as before.
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();

const entry = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write(
    'porthole: not built yet. Run `npm run build` (or `npm ci`) in the repository first.\n',
  );
  process.exit(2);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
