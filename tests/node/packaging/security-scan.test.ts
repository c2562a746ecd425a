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

/**
 * Runs the scan over a folder holding one main-process file with the given source, and a policy
 * module with the given directives (default: the project's own policy file); null: no arguments.
 */
function scan(
  source: string | null,
  policy?: string[],
): Promise<{ status: number | null; out: string }> {
  const args: string[] = [];
  if (source !== null) {
    const dir = mkdtempSync(path.join(tmpdir(), 'porthole-scan-'));
    temps.push(dir);
    writeFileSync(path.join(dir, 'main.ts'), source);
    if (policy) {
      const file = path.join(dir, 'policy.ts');
      writeFileSync(
        file,
        `export const CONTENT_SECURITY_POLICY: string = ${JSON.stringify(policy.join('; '))};\n`,
      );
      args.push('--csp', file);
    }
    args.push(dir);
  }
  const script = path.join(root, 'scripts/scan-security.mjs');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
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
// Up to a minute each: the machine's cores are shared, and the scans all start at once.
describe.concurrent('security scan', { timeout: 60_000 }, () => {
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

  test("the project's sources and its one window policy have zero findings", async () => {
    const { status, out } = await scan(null);
    expect(out).toMatch(
      /electronegativity src-main: \d+ files, \d+ checks, 0 unjustified findings/,
    );
    expect(out).toContain('csp src-main/shared/csp.ts: 0 findings');
    expect(status).toBe(0);
  });

  test("the window policy is evaluated: inline styles, a missing object-src or eval'd code fail", async () => {
    const strict = [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
    ];
    const ok = await scan('export const nothing = 1;\n', [...strict, "style-src 'self'"]);
    expect(ok.out).toMatch(/policy\.ts: 0 findings/);
    const { status, out } = await scan('export const nothing = 1;\n', [
      "default-src 'self'",
      "script-src 'self' 'unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
    ]);
    expect(status).toBe(1);
    expect(out).toContain("style-src 'unsafe-inline': allows inline or eval'd code");
    expect(out).toContain("script-src 'unsafe-eval'");
    expect(out).toMatch(/object-src: .*'none'/);
  });

  test('a file it cannot parse fails the scan instead of being skipped', async () => {
    const { status, out } = await scan('export const broken = ;\n');
    expect(status).toBe(1);
    expect(out).toContain('PARSE ERROR');
  });
});
