// What the bundle gives commander for `require('node:child_process')` (rolldown.cli.config.ts
// resolves it here for commander only). Commander spawns with it only to run a subcommand kept in
// a file of its own, which porthole has none of; required as is at load, child_process brings
// node:net, node:dgram and the streams along: an eighth of a `porthole --help` start
// (bench/cli-startup.js). Here Node's module loads on the first spawn, never before.
'use strict';

module.exports = {
  /** @type {typeof import('node:child_process').spawn} */
  spawn: /** @type {any} */ (
    (/** @type {unknown[]} */ ...args) =>
      /** @type {any} */ (require('node:child_process')).spawn(...args)
  ),
};
