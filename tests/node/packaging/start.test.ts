// `npm start` and the Electron binary lookup it shares with the smoke test.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { findElectronBinary, INSTALL_HINT } from '../../../scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-start-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fake `electron` package folder; `binary` is the path.txt content, if any, to create in dist/. */
function fakePackage(options: { pathTxt?: string; binary?: string }): string {
  const dir = tempDir();
  if (options.pathTxt !== undefined) writeFileSync(path.join(dir, 'path.txt'), options.pathTxt);
  if (options.binary !== undefined) {
    const file = path.join(dir, 'dist', options.binary);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
  }
  return dir;
}

describe('findElectronBinary', () => {
  test('finds the executable path.txt names inside dist/', () => {
    const dir = fakePackage({ pathTxt: 'electron', binary: 'electron' });
    expect(findElectronBinary({ packageDir: dir, platform: 'linux', env: {} })).toEqual({
      found: true,
      path: path.join(dir, 'dist', 'electron'),
    });
  });

  test('without path.txt, falls back to the platform layout electron install.js uses', () => {
    const dir = fakePackage({ binary: 'Electron.app/Contents/MacOS/Electron' });
    const result = findElectronBinary({ packageDir: dir, platform: 'darwin', env: {} });
    expect(result).toEqual({
      found: true,
      path: path.join(dir, 'dist', 'Electron.app/Contents/MacOS/Electron'),
    });
  });

  test('reports a missing binary with the path it looked at, and never downloads', () => {
    const dir = fakePackage({});
    const result = findElectronBinary({ packageDir: dir, platform: 'linux', env: {} });
    expect(result).toMatchObject({ found: false, path: path.join(dir, 'dist', 'electron') });
    expect(result.found ? '' : result.reason).toMatch(/not installed/);
  });

  test('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const dir = fakePackage({ pathTxt: 'electron' });
    const override = tempDir();
    writeFileSync(path.join(override, 'electron'), '');
    const result = findElectronBinary({
      packageDir: dir,
      platform: 'linux',
      env: { ELECTRON_OVERRIDE_DIST_PATH: override },
    });
    expect(result).toEqual({ found: true, path: path.join(override, 'electron') });
  });

  test('an unknown platform or a missing package is a reason, not a crash', () => {
    const dir = fakePackage({});
    expect(findElectronBinary({ packageDir: dir, platform: 'aix', env: {} })).toMatchObject({
      found: false,
      reason: expect.stringContaining('aix') as unknown,
    });
    expect(findElectronBinary({ packageDir: null })).toMatchObject({
      found: false,
      reason: expect.stringContaining('npm ci') as unknown,
    });
  });
});

describe('npm start without the Electron binary', () => {
  test('exits 0 and says why, how to get Electron, and what works instead', () => {
    const emptyDist = tempDir();
    const result = spawnSync(process.execPath, [path.join(root, 'bin/start.js')], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('cannot start the desktop app');
    expect(result.stdout).toContain(INSTALL_HINT);
    expect(result.stdout).toContain('Node >= 22.12');
    expect(result.stdout).toContain('npx porthole serve');
    expect(result.stdout).toContain('npx porthole list');
    // It must not have tried the network download that require('electron') would start.
    expect(result.stdout + result.stderr).not.toMatch(/Downloading Electron/i);
  });
});

describe.skipIf(process.platform === 'win32')('npm start with an Electron binary', () => {
  /** Runs bin/start.js with a stand-in Electron and a stand-in npm that log, in order, to one file. */
  function startWithStandIns(npmExit: number) {
    const dir = tempDir();
    const log = path.join(dir, 'calls.log');
    writeFileSync(
      path.join(dir, 'electron'),
      '#!/bin/sh\necho "electron $*" >> "$PORTHOLE_FAKE_LOG"\n',
    );
    chmodSync(path.join(dir, 'electron'), 0o755);
    const npm = path.join(dir, 'npm-cli.mjs');
    writeFileSync(
      npm,
      "import { appendFileSync } from 'node:fs';\n" +
        "appendFileSync(process.env.PORTHOLE_FAKE_LOG, `npm ${process.argv.slice(2).join(' ')}\\n`);\n" +
        `process.exit(${npmExit});\n`,
    );
    const result = spawnSync(process.execPath, [path.join(root, 'bin/start.js')], {
      cwd: root,
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: dir,
        npm_execpath: npm,
        PORTHOLE_FAKE_LOG: log,
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { result, calls: () => readFileSync(log, 'utf8').trim().split('\n') };
  }

  test('builds with the one `npm run build`, then starts Electron on the project folder', () => {
    const { result, calls } = startWithStandIns(0);
    expect(result.status).toBe(0);
    expect(calls()).toEqual(['npm run build', `electron ${root}`]);
  });

  test('a failed build stops there: no Electron, a non-zero exit', () => {
    const { result, calls } = startWithStandIns(3);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('the build failed');
    expect(calls()).toEqual(['npm run build']);
  });
});
