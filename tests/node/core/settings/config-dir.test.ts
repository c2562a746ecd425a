// configDir: the override, each platform's usual place, and agreement with env-paths on this machine.
import os from 'node:os';
import path from 'node:path';
import envPaths from 'env-paths';
import { describe, expect, test } from 'vitest';
import { configDir } from '../../../../src-main/core/platform/config-dir.js';

describe('configDir', () => {
  test('PORTHOLE_CONFIG_DIR wins on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(configDir({ PORTHOLE_CONFIG_DIR: '/tmp/ph', HOME: '/home/ann' }, platform)).toBe(
        '/tmp/ph',
      );
    }
  });

  test('an empty override is ignored', () => {
    expect(configDir({ PORTHOLE_CONFIG_DIR: '  ', HOME: '/home/ann' }, 'linux')).toBe(
      '/home/ann/.config/porthole',
    );
  });

  test('Linux uses XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configDir({ HOME: '/home/ann', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe(
      '/xdg/porthole',
    );
    expect(configDir({ HOME: '/home/ann' }, 'linux')).toBe('/home/ann/.config/porthole');
    expect(configDir({ HOME: '/home/ann' }, 'freebsd')).toBe('/home/ann/.config/porthole');
  });

  test('macOS uses ~/Library/Preferences/porthole', () => {
    expect(configDir({ HOME: '/Users/ann' }, 'darwin')).toBe(
      '/Users/ann/Library/Preferences/porthole',
    );
  });

  test('Windows uses %APPDATA%\\porthole\\Config, else the roaming profile', () => {
    expect(configDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\porthole\\Config',
    );
    expect(configDir({ USERPROFILE: 'C:\\Users\\ann' }, 'win32')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\porthole\\Config',
    );
  });

  test('no "-nodejs" suffix anywhere', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(configDir({ HOME: '/h', USERPROFILE: 'C:\\h' }, platform)).not.toMatch(/nodejs/);
    }
  });

  test('the computed layout for this machine matches env-paths', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: os.homedir(),
      USERPROFILE: os.homedir(),
    };
    delete env.PORTHOLE_CONFIG_DIR;
    const expected = envPaths('porthole', { suffix: '' }).config;
    expect(configDir(env, process.platform)).toBe(expected);
    if (!process.env.PORTHOLE_CONFIG_DIR) expect(configDir()).toBe(expected);
    expect(
      path.basename(expected) === 'porthole' || expected.endsWith(path.join('porthole', 'Config')),
    ).toBe(true);
  });
});
