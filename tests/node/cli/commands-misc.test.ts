// `probe`, `free` and the exit codes of negative answers.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

afterEach(stopAllHolders);
afterAll(cleanupConfigDirs);

describe('porthole probe', () => {
  test('open: exit 0 with the JSON shape; closed: exit 1 with the error', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const dir = freshConfigDir();

    const open = await runCli(['probe', `127.0.0.1:${port}`, '--json'], dir);
    expect(open.code).toBe(0);
    const body = JSON.parse(open.stdout) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['address', 'error', 'family', 'ms', 'open']);
    expect(body).toMatchObject({ address: '127.0.0.1', family: 4, open: true, error: null });

    const human = await runCli(['probe', `127.0.0.1:${port}`], dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port} open \\(`));

    await holder.stop();
    const closed = await runCli(['probe', `127.0.0.1:${port}`], dir);
    expect(closed.code).toBe(1);
    expect(closed.stdout).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:${port} refused \\(nothing listens\\) after [\\d.]+ ms\\n$`),
    );
    // Scripts keep the code.
    const json = await runCli(['probe', `127.0.0.1:${port}`, '--json'], dir);
    expect(JSON.parse(json.stdout)).toMatchObject({ open: false, error: 'ECONNREFUSED' });
  });

  test('a name that does not resolve says "no such host", not "closed"', async () => {
    const result = await runCli(
      ['probe', 'nosuchhost.invalid:80', '--timeout', '5'],
      freshConfigDir(),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('nosuchhost.invalid:80 no such host\n');
  });
});

describe('porthole free', () => {
  test('--near 40000 --json suggests ports, none of them held', async () => {
    // Hold 40000 itself when possible (the first candidate), else any port.
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1', port: 40000 }] }).catch(() =>
      holdSockets({ listen: [{ host: '127.0.0.1' }] }),
    );
    const held = holder.sockets[0]!.port;
    const { code, stdout } = await runCli(['free', '--near', '40000', '--json'], freshConfigDir());
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as { ports: number[] };
    expect(Object.keys(body)).toEqual(['ports']);
    expect(body.ports).toHaveLength(5);
    expect(body.ports).not.toContain(held);
    for (const port of body.ports) expect(port).toBeGreaterThan(0);
  });

  test('--count 2 prints two ports, one per line', async () => {
    const { code, stdout } = await runCli(
      ['free', '--near', '41000', '--count', '2'],
      freshConfigDir(),
    );
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(2);
    for (const line of stdout.trim().split('\n')) expect(line).toMatch(/^\d+$/);
  });
});
