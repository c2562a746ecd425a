// V8's compiled code of the `porthole` bundle kept between runs, on Node older than 22.1 (newer Node
// does this itself: module.enableCompileCache(), which bin/porthole.cjs calls when it exists).
// Compiling the chunks a command loads is a fifth of what `porthole list` spends above Node's own
// start; with the code cached, V8 takes the bytecode of every function the last run compiled.
//
// Only the bundle's own files (under `root`) go through here. Each is compiled as Node would (the
// CommonJS wrapper, run in this context) with the cached data of its last run when there is one;
// V8 checks that data against its version, flags and the source's length and refuses what does
// not fit. The data is written when the process exits (after the code ran, so functions compiled
// lazily are in it), and again when a command that had not used a file before exits (its data then
// holds what both ran: a chunk shared by `list` and `who`, or the program chunk `--help` shares with
// every other command, would otherwise keep only the code of the first command that loaded it, and
// the others would compile theirs at every start). `seen.json` records which commands each file has
// been written by; files no build has written for 30 days are removed then (an upgraded bundle's
// old ones). Files are written atomically (a temporary file renamed), into a folder only this
// user may use:
// `$XDG_CACHE_HOME/porthole/v8` (`~/.cache/…`, `%LOCALAPPDATA%\…`, `~/Library/Caches/…`). A cache
// file's name holds the chunk's own (content-hashed) name, its size and mtime, Node's V8 version
// and the architecture, so a rebuilt or upgraded bundle never meets stale code.
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off. Nothing here may stop the command:
// every failure only means compiling as usual.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const mainModule = require.main;

/** This user's cache folder for Porthole's compiled code, by platform convention. */
function cacheDir() {
  const home = os.homedir();
  if (process.platform === 'win32') {
    return path.join(
      process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'),
      'porthole',
      'v8',
    );
  }
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'porthole', 'v8');
  return path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'porthole', 'v8');
}

/**
 * The folder, created for this user only; null when it is not this user's alone (another owner, a
 * symlink, others may write), so no one else's bytes are ever run as our code.
 * @param {string} dir
 */
function privateDir(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    if (!stat.isDirectory()) return null;
    if (process.platform !== 'win32') {
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return null;
      if ((stat.mode & 0o022) !== 0) return null;
    }
    return dir;
  } catch {
    return null;
  }
}

/** Beside the cache files: which commands each file's data was written by. */
const SEEN_FILE = 'seen.json';

/** Cache files not written for this long are removed when a run writes the cache. */
const STALE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * What a run does, as the cache records it: the command's name, `other` for anything else (an
 * option first, a mistyped word: bounded, so the record stays small).
 * @param {string | undefined} word the command line's first word
 */
function purposeOf(word) {
  if (word === undefined) return 'status';
  return /^[a-z][a-z-]{0,15}$/.test(word) ? word : 'other';
}

/**
 * The record of `seen.json`: cache file name -> the purposes it was written by; empty when missing
 * or not one.
 * @param {string} dir
 * @returns {Record<string, string[]>}
 */
function readSeen(dir) {
  try {
    /** @type {unknown} */
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, SEEN_FILE), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    /** @type {Record<string, string[]>} */
    const seen = {};
    for (const [name, purposes] of Object.entries(parsed)) {
      if (Array.isArray(purposes)) seen[name] = purposes.filter((p) => typeof p === 'string');
    }
    return seen;
  } catch {
    return {};
  }
}

/**
 * Writes `data` to `file` through a temporary file renamed over it; false when it could not.
 * @param {string} file @param {string | NodeJS.ArrayBufferView} data
 */
function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // the next run compiles again
    }
    return false;
  }
}

/**
 * Compiles the files under `root` with V8's cached data, and keeps the data of this run at exit.
 * @param {string} root the bundle's folder (out/cli)
 * @param {string} [command] the command line's first word: a file used by a command it was not
 *   written by is written again, to hold that command's code too
 * @returns {string | null} the cache folder in use, or null when caching is off
 */
function cacheCompiledCode(root, command) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE === '1') return null;
  const dir = privateDir(cacheDir());
  if (dir === null) return null;
  const purpose = purposeOf(command);
  const prefix = path.resolve(root) + path.sep;
  /** @type {{ file: string, name: string, script: vm.Script, kept: boolean }[]} */
  const fresh = [];
  /** @type {Record<string, string[]> | null} */
  let seen = null;
  const compile = Module.prototype._compile;

  /** Compiles and runs one of the bundle's files as Node's CommonJS loader would, cached. */
  function runCached(
    /** @type {Module} */ mod,
    /** @type {string} */ content,
    /** @type {string} */ filename,
  ) {
    let file = null;
    let name = '';
    let cachedData;
    try {
      const stat = fs.statSync(filename);
      name = `${path.basename(filename)}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.versions.v8}-${process.arch}.bin`;
      file = path.join(dir, name);
      cachedData = fs.readFileSync(file);
    } catch {
      // no cache yet: compile, and keep the code at exit
    }
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (file !== null) {
      const kept = cachedData !== undefined && !script.cachedDataRejected;
      seen ??= readSeen(dir);
      if (!kept || !(seen[name] ?? []).includes(purpose)) fresh.push({ file, name, script, kept });
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    /** @param {string} id */
    const localRequire = (id) => mod.require(id);
    localRequire.resolve = (/** @type {string} */ request) => Module._resolveFilename(request, mod);
    localRequire.main = mainModule;
    localRequire.cache = Module._cache;
    const args = [mod.exports, localRequire, mod, filename, path.dirname(filename)];
    return wrapper.apply(mod.exports, args);
  }

  /** @this {Module} @param {string} content @param {string} filename */
  Module.prototype._compile = function (content, filename) {
    return filename.startsWith(prefix)
      ? runCached(this, content, filename)
      : compile.call(this, content, filename);
  };
  process.once('exit', () => {
    if (fresh.length === 0) return;
    const record = seen ?? readSeen(dir);
    for (const { file, name, script, kept } of fresh) {
      // Kept data was taken and grown by this run: it now holds the code of both.
      if (writeAtomically(file, script.createCachedData())) {
        record[name] = kept ? [...(record[name] ?? []), purpose] : [purpose];
      }
    }
    // A rebuilt or upgraded bundle leaves its old files behind, under names no build asks for:
    // what nothing has written for STALE_MS goes (a file still in use is then compiled and written
    // once more), and only files still there are recorded.
    try {
      const present = new Set(fs.readdirSync(dir));
      const now = Date.now();
      for (const name of present) {
        if (!name.endsWith('.bin') && !name.endsWith('.tmp')) continue;
        const file = path.join(dir, name);
        if (now - fs.statSync(file).mtimeMs > STALE_MS) {
          fs.rmSync(file, { force: true });
          present.delete(name);
        }
      }
      for (const name of Object.keys(record)) if (!present.has(name)) delete record[name];
    } catch {
      // recorded as it is
    }
    writeAtomically(path.join(dir, SEEN_FILE), JSON.stringify(record));
  });
  return dir;
}

module.exports = { cacheCompiledCode, cacheDir, purposeOf };
