// A corrupt settings.json never stops a command: warn on stderr, move the file aside, carry on.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

afterAll(cleanupConfigDirs);

test('list with a corrupt settings.json exits 0, warns and moves the file aside', async () => {
  const dir = freshConfigDir();
  writeFileSync(path.join(dir, 'settings.json'), '{ "version": 1, "watches": [ oops');
  const { code, stdout, stderr } = await runCli(['list', '--json'], dir);
  expect(code).toBe(0);
  expect(stderr).toMatch(/^porthole: warning: .*settings\.json is not valid JSON/m);
  expect(() => JSON.parse(stdout) as unknown).not.toThrow();
  const files = readdirSync(dir);
  expect(files).not.toContain('settings.json');
  expect(files.some((f) => /^settings\.corrupt-.*\.json$/.test(f))).toBe(true);
});
