// Finds the Prometheus tools (Debian package `prometheus`) on PATH; tests skip, saying why, without them.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The executable's absolute path on PATH, or null. */
export function findTool(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Null when found; otherwise prints why the tests that need it are skipped, once. */
export function missingTool(name: string, install: string): string | null {
  if (findTool(name)) return null;
  const reason = `${name} not found on PATH: its tests are skipped (install it with \`${install}\`)`;
  process.stderr.write(`${reason}\n`);
  return reason;
}
