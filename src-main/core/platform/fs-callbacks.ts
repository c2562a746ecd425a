// The few asynchronous file calls the container discovery makes on every snapshot, promisified from
// node:fs's callback API. node:fs/promises would do, but loading it also loads readline, streams
// and the file watchers: a millisecond of every `porthole list` and `who` start
// (bench/cli-startup.js), spent on code these calls never run. node:util is loaded at start anyway.
import { readFile, realpath, stat } from 'node:fs';
import { promisify } from 'node:util';

const readFileAsync = promisify(readFile);

/** The file's text (UTF-8); rejects with the ErrnoException as fs.promises.readFile does. */
export function readText(file: string): Promise<string> {
  return readFileAsync(file, 'utf8');
}

/** fs.stat as a promise: follows symlinks; rejects with the ErrnoException. */
export const statOf = promisify(stat);

/** fs.realpath as a promise. */
export const realpathOf = promisify(realpath);
