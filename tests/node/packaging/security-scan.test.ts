// scripts/scan-security.mjs: Electronegativity findings fail the scan unless justified where they are.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const temps: string[] = [];

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Runs the scan over a folder holding one main-process file with the given source. */
function scan(source: string): Promise<{ status: number | null; out: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-scan-'));
  temps.push(dir);
  writeFileSync(path.join(dir, 'main.ts'), source);
  const script = path.join(root, 'scripts/scan-security.mjs');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, dir],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({
          status: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          out: stdout + stderr,
        });
      },
    );
  });
}

const insecureWindow = (comment: string) => `import { BrowserWindow } from 'electron';
export function open(): BrowserWindow {
  return new BrowserWindow({
    webPreferences: { nodeIntegration: true, contextIsolation: false }, ${comment}
  });
}
`;

// Each scan is a separate process of ~2 s; run them side by side.
describe.concurrent('security scan', () => {
  test('flags insecure webPreferences (typed source) and fails', async () => {
    const { status, out } = await scan(insecureWindow(''));
    expect(status).toBe(1);
    expect(out).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(out).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(out).toMatch(/main\.ts:4:/);
    expect(out).toContain('eng-disable CHECK_ID');
  });

  test('a finding justified in place with eng-disable is no longer reported', async () => {
    const { out } = await scan(
      insecureWindow(
        '/* eng-disable NODE_INTEGRATION_JS_CHECK CONTEXT_ISOLATION_JS_CHECK: test fixture */',
      ),
    );
    expect(out).not.toContain('NODE_INTEGRATION_JS_CHECK');
    expect(out).not.toContain('CONTEXT_ISOLATION_JS_CHECK');
  });

  test('runs offline: no translation or release-data fetch is attempted', async () => {
    const { out } = await scan('export const nothing = 1;\n');
    expect(out).not.toMatch(/Could not retrieve updated translations/);
    expect(out).not.toMatch(/Fetching Electron's new releases/);
    expect(out).toMatch(/electronegativity .*: 1 files, \d+ checks/);
  });

  test('a file it cannot parse fails the scan instead of being skipped', async () => {
    const { status, out } = await scan('export const broken = ;\n');
    expect(status).toBe(1);
    expect(out).toContain('PARSE ERROR');
  });
});
