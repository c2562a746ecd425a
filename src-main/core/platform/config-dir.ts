// Where Porthole keeps its settings and history on each platform.
import os from 'node:os';
import path from 'node:path';
import envPaths from 'env-paths';

const APP = 'porthole';

/**
 * The config directory. `PORTHOLE_CONFIG_DIR` wins (tests, portable installs); otherwise env-paths'
 * config dir with no `-nodejs` suffix, because Porthole is the app, not a Node library:
 * - Linux: `$XDG_CONFIG_HOME/porthole`, else `~/.config/porthole`
 * - macOS: `~/Library/Preferences/porthole` (env-paths' choice, kept so we follow one library)
 * - Windows: `%APPDATA%\porthole\Config`
 * env-paths reads the real process's platform and home, so for any other env or platform (tests,
 * or asking about another OS) the same layout is computed here; a test checks the two agree.
 */
export function configDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env.PORTHOLE_CONFIG_DIR?.trim();
  if (override) return override;
  if (env === process.env && platform === process.platform) {
    return envPaths(APP, { suffix: '' }).config;
  }
  return layoutFor(env, platform);
}

/** env-paths' config layout for the given env and platform. */
function layoutFor(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    const home = env.USERPROFILE || os.homedir();
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP, 'Config');
  }
  const home = env.HOME || os.homedir();
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Preferences', APP);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP);
}
