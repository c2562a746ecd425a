// Where the tray icons live on disk, per platform and state (drawn by packaging under assets/tray/).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TrayIcon } from './tray-view.js';

/**
 * macOS gets `<state>Template.png` (the name makes Electron treat it as a template image, tinted
 * for light and dark menu bars), Windows an `.ico`, Linux a PNG (Electron picks `@2x` beside it).
 */
export function trayIconPath(icon: TrayIcon, platform: NodeJS.Platform, assetsDir: string): string {
  if (platform === 'darwin') return path.join(assetsDir, 'tray', 'mac', `${icon}Template.png`);
  if (platform === 'win32') return path.join(assetsDir, 'tray', 'win', `${icon}.ico`);
  return path.join(assetsDir, 'tray', `${icon}.png`);
}

/**
 * The assets folder: beside the app's resources when packaged with `extraResources`, else inside
 * the app (the project root in development, or the asar when packaged with `files`).
 */
export function assetsDir(
  candidates: { resourcesPath: string | undefined; appPath: string },
  exists: (file: string) => boolean = existsSync,
): string {
  const options = [
    candidates.resourcesPath ? path.join(candidates.resourcesPath, 'assets') : null,
    path.join(candidates.appPath, 'assets'),
  ].filter((dir): dir is string => dir !== null);
  return options.find((dir) => exists(path.join(dir, 'tray'))) ?? options[options.length - 1]!;
}
