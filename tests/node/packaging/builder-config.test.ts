// electron-builder.yml: valid for electron-builder 26, hardened as intended, and every icon it names exists.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, test } from 'vitest';
import { icnsElements, icoEntries, pngFileHeader } from './icon-files.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let config: Configuration;

beforeAll(async () => {
  // The same loader electron-builder uses, so `extends` and YAML quirks are read as it reads them.
  config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
});

/** `target` may be a name, an object or a list of either. */
function targetNames(target: unknown): string[] {
  const list = Array.isArray(target) ? target : target == null ? [] : [target];
  return list.map((t) => (typeof t === 'string' ? t : String((t as { target: string }).target)));
}

describe('electron-builder configuration', () => {
  test('passes electron-builder 26 schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  test('the validator is live: an unknown option is rejected', async () => {
    const broken = { ...config, linux: { ...config.linux, notAnOption: true } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /configuration/i,
    );
  });

  test('flips the Electron fuses that close Node-level back doors', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  test('identity, asar and a packed entry point that the build produces', () => {
    expect(config.appId).toBe('dev.porthole.app');
    expect(config.productName).toBe('Porthole');
    // onlyLoadAppFromAsar needs the app inside an asar.
    expect(config.asar).toBe(true);
    expect((config.extraMetadata as { main?: string }).main).toBe('out/main/index.js');
    expect(config.publish).toBeNull();
  });

  test('packs the bundles only: no sources, tests or CLI build', () => {
    // getConfig normalises the list into `{ filter: [...] }` sets.
    const files = (config.files as (string | { filter?: string[] })[]).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : (entry.filter ?? []),
    );
    expect(files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']),
    );
    for (const pattern of files) {
      expect(pattern).not.toMatch(/^(src-|tests|bench|scripts|out\/node|\*\*)/);
    }
  });

  test('Linux: AppImage and deb with desktop category and a maintainer with an email', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Development;Network;');
    // dpkg refuses a package whose maintainer has no address.
    expect(config.linux?.maintainer).toMatch(/^[^<]+<[^@\s]+@[^>\s]+>$/);
  });

  test('macOS: dmg, hardened runtime, and a menu-bar app without a Dock icon', () => {
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect((config.mac?.extendInfo as Record<string, unknown>).LSUIElement).toBe(true);
  });

  test('Windows: nsis installer', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
  });
});

describe('files the configuration names', () => {
  const at = (relative: string | null | undefined) => path.join(root, String(relative));

  test('Linux icon: a 512x512 RGBA PNG', () => {
    const icon = pngFileHeader(at(config.linux?.icon));
    expect([icon.width, icon.height, icon.colourType]).toEqual([512, 512, 6]);
  });

  test('macOS icon: an icns with every size up to 1024 (512@2x)', () => {
    const elements = icnsElements(readFileSync(at(config.mac?.icon)));
    const byType = Object.fromEntries(elements.map((e) => [e.type, e.width]));
    expect(byType).toMatchObject({ ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic14: 512 });
    for (const element of elements) expect(element.height).toBe(element.width);
  });

  test('Windows and installer icons: an ico that holds 256 px and the small sizes', () => {
    for (const file of [
      config.win?.icon,
      config.nsis?.installerIcon,
      config.nsis?.uninstallerIcon,
    ]) {
      const entries = icoEntries(readFileSync(at(file)));
      expect(entries.map((e) => e.width)).toEqual([16, 24, 32, 48, 64, 128, 256]);
      for (const entry of entries) {
        expect([entry.imageWidth, entry.imageHeight]).toEqual([entry.width, entry.height]);
      }
    }
  });

  test('extraResources: the tray folder the packaged shell reads from process.resourcesPath', () => {
    const resources = config.extraResources as { from: string; to: string }[];
    expect(resources).toEqual([{ from: 'assets/tray', to: 'assets/tray' }]);
    for (const state of ['ok', 'attention', 'down', 'paused', 'error']) {
      expect(existsSync(path.join(root, 'assets/tray', `${state}.png`))).toBe(true);
    }
  });
});
