// When sockets cannot be collected: exit 4 for commands that need them, graceful fallbacks elsewhere.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, jsonLines, runCli } from './run-cli.js';

// The systeminformation source needs netstat or ss; an empty PATH takes both away.
const BROKEN = { PORTHOLE_SOURCE: 'systeminformation', PATH: '/nonexistent' };

afterEach(stopAllHolders);
afterAll(cleanupConfigDirs);

describe('a collector that cannot collect', () => {
  test('list exits 4 and says sockets could not be collected', async () => {
    const { code, stdout, stderr } = await runCli(['list'], freshConfigDir(), BROKEN);
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^porthole: could not collect sockets: .*not found/m);
  });

  test('watch --once still probes and answers, with a warning', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const { code, stdout, stderr } = await runCli(
      ['watch', String(port), '--once', '--json'],
      freshConfigDir(),
      BROKEN,
    );
    expect(code).toBe(0);
    expect(jsonLines(stdout)[0]).toMatchObject({ event: 'up', target: String(port) });
    expect(stderr).toContain('porthole: warning: could not collect sockets');
  });

  test('an unknown PORTHOLE_SOURCE is bad input (exit 2)', async () => {
    const { code, stderr } = await runCli(['list'], freshConfigDir(), { PORTHOLE_SOURCE: 'bogus' });
    expect(code).toBe(2);
    expect(stderr).toContain('PORTHOLE_SOURCE must be one of');
  });
});
