// `watch --save` from many processes at once (and the app saving meanwhile): every watch lands or says `not saved`.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { MAX_WATCHES, defaultSettings } from '../../../src-main/core/settings/index.js';
import { createWatchSpec } from '../../../src-main/core/watches/watch-spec.js';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { cleanUp, savedSettings, startService } from '../service/service-fixture.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

afterEach(cleanUp);
afterAll(cleanupConfigDirs);

/** Loopback ports nothing listens on (bound, then closed): `--once` finds them down at once. */
async function closedPorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer().listen(0, '127.0.0.1');
      await once(server, 'listening');
      return server;
    }),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

describe('watch --save under contention', () => {
  test('20 CLI processes and the app saving at once: all 21 watches land, every CLI says saved', async () => {
    const started = await startService({ start: false });
    const { service, dir } = started;
    const ports = await closedPorts(21);
    const appPort = ports.pop()!;

    const [results, added] = await Promise.all([
      Promise.all(
        ports.map((port) => runCli(['watch', String(port), '--save', '--once'], dir, {}, 40_000)),
      ),
      service.handle('porthole:watches:add', { target: `127.0.0.1:${appPort}` }),
    ]);

    results.forEach((result, i) => {
      expect(result.stdout, result.stderr).toContain(`Saved watch local:${ports[i]} to settings.`);
      expect(result.code, result.stderr).toBe(1); // saved, and the closed port is down
    });
    const expected = [...ports.map((port) => `local:${port}`), added.spec.id].sort();
    expect(
      savedSettings(dir)
        .watches.map((w) => w.id)
        .sort(),
    ).toEqual(expected);
    // The app follows the file: its own list ends up with every watch too.
    await started.waitFor(
      (e): e is Extract<PortholeEvent, { type: 'watches' }> =>
        e.type === 'watches' && e.watches.length === expected.length,
      10_000,
    );
    expect(
      service.monitor
        .watchSpecs()
        .map((w) => w.id)
        .sort(),
    ).toEqual(expected);
  }, 60_000);

  test('a lock another process holds past the wait: `not saved`, exit 3, nothing watched, file unchanged', async () => {
    const dir = freshConfigDir();
    const file = path.join(dir, 'settings.json');
    const [port] = await closedPorts(1);
    const release = await lockfile.lock(file, { realpath: false, stale: 5_000, update: 1_000 });
    try {
      const { code, stdout, stderr } = await runCli(
        ['watch', String(port), '--save', '--once'],
        dir,
      );
      expect(code).toBe(3);
      expect(stderr).toMatch(
        /^porthole: not saved: watch local:\d+ .*another Porthole process has held .*settings\.json\.lock for over 8 s/m,
      );
      expect(stdout).toBe(''); // neither "Saved" nor a watch result
    } finally {
      await release();
    }
  }, 30_000);

  test(`a watch past the cap of ${MAX_WATCHES} is refused by name with exit 3; the file keeps ${MAX_WATCHES}`, async () => {
    const dir = freshConfigDir();
    const watches = Array.from({ length: MAX_WATCHES }, (_, i) =>
      createWatchSpec({ target: `h.local:${i + 1}` }),
    );
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ ...defaultSettings(), watches }),
    );
    const [port] = await closedPorts(1);
    const { code, stderr } = await runCli(['watch', String(port), '--save', '--once'], dir);
    expect(code).toBe(3);
    expect(stderr).toContain(`not saved: watch local:${port}`);
    expect(stderr).toContain(`too many watches (${MAX_WATCHES + 1}; at most ${MAX_WATCHES})`);
    expect(savedSettings(dir).watches).toHaveLength(MAX_WATCHES);
  });
});
