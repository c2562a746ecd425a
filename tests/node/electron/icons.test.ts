import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { assetsDir, trayIconPath } from '../../../src-main/electron/icons.js';
import type { TrayIcon } from '../../../src-main/electron/tray-view.js';

const ICONS: TrayIcon[] = ['ok', 'attention', 'down', 'paused', 'error'];
const repoAssets = path.resolve(import.meta.dirname, '../../../assets');

describe('tray icon paths', () => {
  test('per platform: template PNG on macOS, ICO on Windows, PNG elsewhere', () => {
    expect(trayIconPath('down', 'darwin', '/a')).toBe(
      path.join('/a', 'tray', 'mac', 'downTemplate.png'),
    );
    expect(trayIconPath('down', 'win32', '/a')).toBe(path.join('/a', 'tray', 'win', 'down.ico'));
    expect(trayIconPath('down', 'linux', '/a')).toBe(path.join('/a', 'tray', 'down.png'));
  });

  test.each(['darwin', 'win32', 'linux'] as const)(
    'every state has a drawn icon for %s',
    (platform) => {
      const missing = ICONS.map((icon) => trayIconPath(icon, platform, repoAssets)).filter(
        (file) => !existsSync(file),
      );
      expect(missing).toEqual([]);
    },
  );

  test('assets come from resources when packaged with extraResources, else from the app', () => {
    const seen = new Set(['/res/assets/tray']);
    expect(assetsDir({ resourcesPath: '/res', appPath: '/app' }, (f) => seen.has(f))).toBe(
      '/res/assets',
    );
    expect(assetsDir({ resourcesPath: '/res', appPath: '/app' }, () => false)).toBe('/app/assets');
    expect(assetsDir({ resourcesPath: undefined, appPath: '/app' }, () => true)).toBe(
      '/app/assets',
    );
  });
});
