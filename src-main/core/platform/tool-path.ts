// Finds executables on PATH, so a missing netstat/ss is reported instead of an empty snapshot.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Full path of `name` found on the environment's PATH (with PATHEXT on Windows), or null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: string): string | null {
  const dirs = (env.PATH ?? env.Path ?? '')
    .split(platform === 'win32' ? ';' : delimiter)
    .filter((dir) => dir !== '');
  const exts =
    platform === 'win32'
      ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)]
      : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      try {
        accessSync(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * What systeminformation's networkConnections() runs, per platform: each inner list is
 * "one of these". Linux pipes netstat (or ss) through grep; macOS and others run netstat.
 */
export function toolsNeeded(platform: string): readonly (readonly string[])[] {
  if (platform === 'linux' || platform === 'android') return [['netstat', 'ss'], ['grep']];
  return [['netstat']];
}

/** The first requirement nothing on PATH satisfies, or null when all are met. */
export function missingTools(platform: string, env: NodeJS.ProcessEnv): readonly string[] | null {
  for (const anyOf of toolsNeeded(platform)) {
    if (!anyOf.some((tool) => findOnPath(tool, env, platform) !== null)) return anyOf;
  }
  return null;
}
