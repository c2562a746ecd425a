import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  HIDDEN_ARG,
  StartAtLogin,
  applyStartAtLogin,
  autostartFile,
  desktopEntry,
  type StartAtLoginOptions,
} from '../../../src-main/electron/start-at-login.js';
import { FakeApp } from './fake-electron.js';

let home: string;
let xdg: string;
let app: FakeApp;

beforeEach(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'porthole-home-'));
  xdg = path.join(home, 'xdg-config');
  app = new FakeApp();
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function linux(overrides: Partial<StartAtLoginOptions> = {}): StartAtLoginOptions {
  return {
    platform: 'linux',
    env: { XDG_CONFIG_HOME: xdg },
    homedir: home,
    command: ['/opt/Porthole/porthole', HIDDEN_ARG],
    app,
    ...overrides,
  };
}

describe('Linux autostart entry', () => {
  test('enabling writes porthole.desktop under XDG_CONFIG_HOME; disabling removes it', async () => {
    const file = path.join(xdg, 'autostart', 'porthole.desktop');
    await applyStartAtLogin(true, linux());
    const text = await readFile(file, 'utf8');
    expect(text).toContain('[Desktop Entry]\nType=Application\n');
    expect(text).toContain('Exec="/opt/Porthole/porthole" "--hidden"\n');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    await applyStartAtLogin(false, linux());
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(app.loginItems).toEqual([]);
  });

  test('disabling when there is no file is fine', async () => {
    await expect(applyStartAtLogin(false, linux())).resolves.toBeUndefined();
  });

  test('~/.config is used without XDG_CONFIG_HOME, or when it is relative', () => {
    expect(autostartFile({}, '/home/ann')).toBe('/home/ann/.config/autostart/porthole.desktop');
    expect(autostartFile({ XDG_CONFIG_HOME: 'rel/dir' }, '/home/ann')).toBe(
      '/home/ann/.config/autostart/porthole.desktop',
    );
    expect(autostartFile({ XDG_CONFIG_HOME: '/x' }, '/home/ann')).toBe(
      '/x/autostart/porthole.desktop',
    );
  });

  test('the write is atomic: an existing entry is replaced whole, no temp files left', async () => {
    const dir = path.join(xdg, 'autostart');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'porthole.desktop'), 'stale');
    await applyStartAtLogin(true, linux({ command: ['/new/porthole'] }));
    expect(await readFile(path.join(dir, 'porthole.desktop'), 'utf8')).toContain(
      'Exec="/new/porthole"',
    );
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual(['porthole.desktop']);
  });

  test('Exec quotes and escapes paths per the Desktop Entry spec', () => {
    const entry = desktopEntry(['/home/a b/My "App"/$x`y`\\z%1', '--hidden']);
    expect(entry).toContain(
      'Exec="/home/a b/My \\\\"App\\\\"/\\\\$x\\\\`y\\\\`\\\\\\\\z%%1" "--hidden"',
    );
    expect(() => desktopEntry(['/bad\npath'])).toThrow('line break');
    expect(() => desktopEntry([])).toThrow('no program');
  });
});

describe('macOS and Windows', () => {
  test.each(['darwin', 'win32'] as const)(
    '%s uses login item settings, writes no file',
    async (platform) => {
      await applyStartAtLogin(true, linux({ platform }));
      await applyStartAtLogin(false, linux({ platform }));
      expect(app.loginItems).toEqual([
        { openAtLogin: true, args: [HIDDEN_ARG] },
        { openAtLogin: false, args: [HIDDEN_ARG] },
      ]);
      await expect(stat(path.join(xdg, 'autostart'))).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );
});

describe('StartAtLogin.sync', () => {
  test('acts only when the preference changes', async () => {
    const errors: unknown[] = [];
    const sync = new StartAtLogin(linux({ platform: 'win32' }), (e) => errors.push(e));
    await sync.sync(true);
    await sync.sync(true);
    await sync.sync(true);
    await sync.sync(false);
    expect(app.loginItems.map((s) => s.openAtLogin)).toEqual([true, false]);
    expect(errors).toEqual([]);
  });

  test('quick on-off-on ends with the file present', async () => {
    const sync = new StartAtLogin(linux(), () => undefined);
    void sync.sync(true);
    void sync.sync(false);
    await sync.sync(true);
    expect(await readFile(path.join(xdg, 'autostart', 'porthole.desktop'), 'utf8')).toContain(
      'Exec=',
    );
  });

  test('a failure is reported and retried on the next sync', async () => {
    const errors: unknown[] = [];
    // A file where the autostart directory should be makes mkdir fail.
    await mkdir(xdg, { recursive: true });
    await writeFile(path.join(xdg, 'autostart'), 'not a dir');
    const sync = new StartAtLogin(linux(), (e) => errors.push(e));
    await sync.sync(true);
    expect(errors).toHaveLength(1);
    await rm(path.join(xdg, 'autostart'));
    await sync.sync(true);
    expect(errors).toHaveLength(1);
    expect(await readFile(path.join(xdg, 'autostart', 'porthole.desktop'), 'utf8')).toContain(
      'Exec=',
    );
  });
});
