// Reads the version from package.json, found by walking up from this file (src or compiled out/).
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  let dir = new URL('./', import.meta.url);
  for (let i = 0; i < 6; i += 1) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'porthole' && pkg.version) return pkg.version;
    } catch {
      // Not here: keep walking up.
    }
    dir = new URL('../', dir);
  }
  return '0.0.0';
}
