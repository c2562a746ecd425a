// Loads Porthole's compiled modules from out/node, typed by the src-main sources they are built from.

/**
 * The modules the bench runs, by path under out/node, with the type of the source each compiles from.
 * @typedef {{
 *   'core/platform/address.js': typeof import('../src-main/core/platform/address.js'),
 *   'core/collector/index.js': typeof import('../src-main/core/collector/index.js'),
 *   'core/containers/index.js': typeof import('../src-main/core/containers/index.js'),
 *   'core/monitor/monitor.js': typeof import('../src-main/core/monitor/monitor.js'),
 *   'core/watches/watch-spec.js': typeof import('../src-main/core/watches/watch-spec.js'),
 *   'service/events.js': typeof import('../src-main/service/events.js'),
 *   'service/index.js': typeof import('../src-main/service/index.js'),
 *   'core/settings/index.js': typeof import('../src-main/core/settings/index.js'),
 *   'core/history/history-log.js': typeof import('../src-main/core/history/history-log.js'),
 *   'web/server.js': typeof import('../src-main/web/server.js'),
 * }} BuiltModules
 */

/**
 * The specifier is computed on purpose: a literal one would pull the generated JavaScript into the
 * bench's type check (and check build output); the declared return type stands in for it.
 * @template {keyof BuiltModules} P
 * @param {P} path under out/node, e.g. 'core/platform/address.js'
 * @returns {Promise<BuiltModules[P]>}
 */
export function importBuilt(path) {
  return import(new URL(`../out/node/${path}`, import.meta.url).href);
}
