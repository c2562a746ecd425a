// Tests read what `npm run build` wrote to out/ and never build themselves: one build owns out/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The absolute path of a file under out/, or a clear error when the build has not run. */
export function builtFile(underOut: string): string {
  const file = path.join(PROJECT_ROOT, 'out', underOut);
  if (!existsSync(file)) {
    throw new Error(`out/${underOut} is not built: run \`npm run build\` first`);
  }
  return file;
}
