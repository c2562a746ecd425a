// What the bundle gives a package that imports or requires `node:process` (env-paths, commander):
// the global `process`, the very object that import returns. Imported as an ES module,
// `node:process` lists every property of process as an export, and reading `process.report` to do
// so loads Node's diagnostic-report code: 2 ms of every `porthole list` (rolldown.cli.config.ts
// aliases it here). CommonJS, so `require()` and a default import both receive process itself.
'use strict';
module.exports = globalThis.process;
