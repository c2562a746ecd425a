// Finds the Electron executable the `electron` package installed, without triggering a download.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the executable sits inside the package's dist/ (mirrors electron's install.js). */
const PLATFORM_PATHS = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  mas: 'Electron.app/Contents/MacOS/Electron',
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
};

/** How to get the binary where it is missing; said by `npm start` and the smoke test alike. */
export const INSTALL_HINT =
  'Install it on a machine with internet access and Node >= 22.12: node node_modules/electron/install.js';

/**
 * Resolves the Electron executable. `require('electron')` is not used on purpose: when the
 * binary is missing it starts a download, which fails (slowly, noisily) where there is no network.
 * @param {{ platform?: string, env?: NodeJS.ProcessEnv, packageDir?: string | null }} [options]
 * @returns {{ found: true, path: string } | { found: false, path: string | null, reason: string }}
 */
export function findElectronBinary(options = {}) {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const packageDir = options.packageDir === undefined ? electronPackageDir() : options.packageDir;
  if (!packageDir) {
    return {
      found: false,
      path: null,
      reason: 'the electron package is not installed (run npm ci)',
    };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : PLATFORM_PATHS[platform];
  if (!relative) {
    return { found: false, path: null, reason: `Electron has no build for platform ${platform}` };
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override ? join(override, relative) : join(packageDir, 'dist', relative);
  if (!existsSync(path)) {
    return { found: false, path, reason: `the Electron binary is not installed (no ${path})` };
  }
  return { found: true, path };
}

function electronPackageDir() {
  try {
    const require = createRequire(import.meta.url);
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}
