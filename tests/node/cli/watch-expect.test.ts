// `watch PORT --expect NAME`: a bare port names no family, so the expected process counts on any address.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, jsonLines, runCli } from './run-cli.js';

interface EventOut {
  event: string;
  pid: number | null;
  process: string | null;
  detail: string;
}

afterEach(stopAllHolders);
afterAll(cleanupConfigDirs);

/** node on [::1]:PORT only, and a process named `otherhold` on 127.0.0.1:PORT (what the probe reaches first). */
async function shadowedPort() {
  const node = await holdSockets({ listen: [{ host: '::1', ipv6Only: true }] });
  const port = node.sockets[0]!.port;
  const other = await holdSockets({ listen: [{ host: '127.0.0.1', port }], title: 'otherhold' });
  return { node, other, port };
}

describe('porthole watch --expect on a bare port', () => {
  test('node holding only [::1]:PORT is the expected owner: no owner-changed', async () => {
    const node = await holdSockets({ listen: [{ host: '::1', ipv6Only: true }] });
    const port = node.sockets[0]!.port;
    const result = await runCli(
      ['watch', String(port), '--expect', 'node', '--once', '--json'],
      freshConfigDir(),
    );
    expect(result.code, result.stderr).toBe(0);
    const events = jsonLines(result.stdout) as EventOut[];
    expect(events.map((e) => e.event)).toEqual(['up']);
    expect(events[0]).toMatchObject({ pid: node.pid, process: 'node' });
  });

  test('node on ::1 beside another process on 127.0.0.1: still the expected owner', async () => {
    const { node, port } = await shadowedPort();
    const result = await runCli(
      ['watch', String(port), '--expect', 'node', '--once', '--json'],
      freshConfigDir(),
    );
    expect(result.code, result.stderr).toBe(0);
    const events = jsonLines(result.stdout) as EventOut[];
    expect(events.map((e) => e.event)).toEqual(['up']);
    expect(events[0]).toMatchObject({ pid: node.pid, process: 'node' });
  });

  test('an expected process that holds no address of the port is still reported', async () => {
    const { other, port } = await shadowedPort();
    const result = await runCli(
      ['watch', String(port), '--expect', 'postgres', '--once', '--json'],
      freshConfigDir(),
    );
    const events = jsonLines(result.stdout) as EventOut[];
    expect(events.map((e) => e.event)).toEqual(['up', 'owner-changed']);
    expect(events[1]).toMatchObject({ pid: other.pid, process: 'otherhold' });
    expect(events[1]?.detail).toContain('expected postgres');
  });

  test('a watch of one address ([::1]) or the other (127.0.0.1) judges the owner there only', async () => {
    const { node, other, port } = await shadowedPort();
    const dir = freshConfigDir();
    const v6 = await runCli(
      ['watch', `[::1]:${port}`, '--expect', 'node', '--once', '--json'],
      dir,
    );
    expect((jsonLines(v6.stdout) as EventOut[]).map((e) => [e.event, e.pid])).toEqual([
      ['up', node.pid],
    ]);
    const v4 = await runCli(
      ['watch', `127.0.0.1:${port}`, '--expect', 'node', '--once', '--json'],
      dir,
    );
    expect((jsonLines(v4.stdout) as EventOut[]).map((e) => [e.event, e.pid])).toEqual([
      ['up', other.pid],
      ['owner-changed', other.pid],
    ]);
  });
});
