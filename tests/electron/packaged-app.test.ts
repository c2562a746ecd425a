// Packs the real app with electron-builder (`--linux dir`) around a stand-in Electron binary, offline,
// and checks what a user would get: the asar's contents, the tray icons beside it, and the fuses.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build as pack, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assetsDir, trayIconPath } from '../../src-main/electron/icons.js';
import { builtFile, PROJECT_ROOT as root } from '../helpers/built-output.js';

const work = mkdtempSync(path.join(tmpdir(), 'porthole-pack-'));
const appDir = path.join(work, 'dist', 'linux-unpacked');
const asar = path.join(appDir, 'resources', 'app.asar');

/** Where @electron/fuses finds the fuse wire in an Electron binary. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * A stand-in for an unpacked Electron: an executable carrying a version-1 fuse wire with
 * Electron's shipped defaults (RunAsNode, NodeOptions, CliInspect and GrantFileProtocol on).
 */
function fakeElectronDist(dir: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);
  const binary = path.join(dir, 'electron');
  writeFileSync(
    binary,
    Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n#'), wire, Buffer.from('\n')]),
  );
  chmodSync(binary, 0o755);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(path.join(dir, 'version'), '45.5.0');
}

beforeAll(async () => {
  // electron-builder packs out/ as `npm run build` left it; the test only reads it.
  for (const bundle of ['main/index.js', 'preload/index.cjs', 'renderer/index.html']) {
    builtFile(bundle);
  }
  const electronDist = path.join(work, 'electron-dist');
  fakeElectronDist(electronDist);
  await pack({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    config: {
      electronDist,
      electronVersion: '45.5.0',
      directories: { output: path.join(work, 'dist') },
    },
  });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed app', () => {
  test('the executable carries the product name', () => {
    expect(existsSync(path.join(appDir, 'porthole'))).toBe(true);
  });

  test('app.asar holds the bundles and production dependencies, nothing else', () => {
    const files = listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    expect(files).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
        '/node_modules/systeminformation/package.json',
        '/node_modules/zod/package.json',
      ]),
    );
    const strays = files.filter((f) =>
      /^\/(src-main|src-renderer|tests|scripts|assets|bench|out\/node)\b|^\/node_modules\/(electron|vite|svelte|sharp|typescript|vitest|playwright-core)\//.test(
        f,
      ),
    );
    expect(strays).toEqual([]);
  });

  test("the window's script is minified, as the browser-mode build is", () => {
    const files = listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    const scripts = files.filter((f) => /^\/out\/renderer\/assets\/[^/]+\.js$/.test(f));
    expect(scripts).toHaveLength(1);
    const code = extractFile(asar, scripts[0]!.slice(1)).toString('utf8');
    // An unminified bundle keeps its module path comments and runs to ~400 KB.
    expect(code).not.toContain('// node_modules/svelte/');
    expect(code.length).toBeLessThan(250_000);
  });

  test('the packed package.json starts the main bundle', () => {
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  test.each(['linux', 'darwin', 'win32'] as const)(
    'the shell finds every %s tray icon under process.resourcesPath',
    (platform) => {
      const resourcesPath = path.join(appDir, 'resources');
      const dir = assetsDir({ resourcesPath, appPath: asar });
      expect(dir).toBe(path.join(resourcesPath, 'assets'));
      for (const state of ['ok', 'attention', 'down', 'paused', 'error'] as const) {
        expect(existsSync(trayIconPath(state, platform, dir)), state).toBe(true);
      }
    },
  );

  test('fuses are flipped in the binary as electron-builder.yml asks', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'porthole'));
    const on = (fuse: FuseV1Options) => String.fromCharCode(Number(wire[fuse]));
    expect(on(FuseV1Options.RunAsNode)).toBe('0');
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
  });
});
