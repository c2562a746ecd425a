// `porthole explain` end to end with real loopback sockets: family, holder, nothing listening, bad input.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

interface ExplainJson {
  input: string;
  target: { host: string | null; port: number; protocol: string };
  situation: string;
  verdict: string;
  findings: {
    check: string;
    status: string;
    message: string;
    fix: string | null;
    pids: number[];
  }[];
}

afterAll(async () => {
  await stopAllHolders();
  cleanupConfigDirs();
});

/** A port nothing holds right now: bound on 127.0.0.1 by the OS, then let go. */
async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function explainJson(words: string[], configDir = freshConfigDir()): Promise<ExplainJson> {
  const { code, stdout, stderr } = await runCli(['explain', ...words, '--json'], configDir);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as ExplainJson;
}

describe('porthole explain', () => {
  test('a server on ::1 only and a refused 127.0.0.1: the family problem with the server PID', async () => {
    const server = await holdSockets({ listen: [{ host: '::1' }] });
    const port = server.sockets[0]!.port;
    const text = `Error: connect ECONNREFUSED 127.0.0.1:${port}`;
    const body = await explainJson([text]);
    expect(Object.keys(body)).toEqual(['input', 'target', 'situation', 'verdict', 'findings']);
    expect(body.input).toBe(text);
    expect(body.target).toEqual({ host: '127.0.0.1', port, protocol: 'tcp' });
    expect(body.situation).toBe('connect-refused');
    expect(body.verdict).toContain(
      'Your client went to 127.0.0.1, the server listens only on [::1]',
    );
    expect(body.verdict).toContain(`PID ${server.pid}`);
    const family = body.findings.find((f) => f.check === 'family');
    expect(family).toMatchObject({ status: 'problem', pids: [server.pid] });
    expect(family?.fix).toContain(`[::1]:${port}`);
    expect(body.findings[0]?.status).toBe('problem');
    for (const f of body.findings) {
      expect(Object.keys(f)).toEqual(['check', 'status', 'message', 'fix', 'pids']);
    }

    // The same as people read it: the verdict first, then one line per finding, the fix below.
    const { code, stdout } = await runCli(
      ['explain', 'connect', 'ECONNREFUSED', `127.0.0.1:${port}`],
      freshConfigDir(),
    );
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(body.verdict);
    expect(lines[2]).toMatch(/^! family: /);
    expect(lines[3]).toMatch(/^ {4}fix: /);
    await server.stop();
  });

  test('a holder on 127.0.0.1 and EADDRINUSE for :::P: the holder PID, the overlap and 3 free ports', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const body = await explainJson([`listen EADDRINUSE: address already in use :::${port}`]);
    expect(body.situation).toBe('address-in-use');
    expect(body.target).toEqual({ host: '::', port, protocol: 'tcp' });
    const found = body.findings.find((f) => f.check === 'holder');
    expect(found?.status).toBe('problem');
    expect(found?.pids).toEqual([holder.pid]);
    expect(found?.message).toContain(`127.0.0.1:${port} is held by`);
    expect(found?.message).toContain('dual-stack');
    expect(found?.fix).toContain(`kill ${holder.pid}`);
    const free = /free port nearby: (\d+), (\d+), (\d+)$/.exec(found?.fix ?? '');
    expect(free).not.toBeNull();
    expect(free!.slice(1).map(Number)).not.toContain(port);
    expect(body.verdict).toContain(`PID ${holder.pid}`);
    await holder.stop();
  });

  test('nothing listening: the listening problem, and the last holder from history, which exited', async () => {
    const gone = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = gone.sockets[0]!.port;
    const pid = gone.pid;
    await gone.stop();
    const configDir = freshConfigDir();
    const entry = (at: number, event: string, p: number | null): string =>
      JSON.stringify({
        at,
        kind: 'watch',
        port,
        protocol: 'tcp',
        target: String(port),
        event,
        pid: p,
        process: p ? 'node' : null,
        detail: '',
      });
    writeFileSync(
      path.join(configDir, 'history.jsonl'),
      `${entry(1_000, 'up', pid)}\n${entry(2_000, 'down', null)}\n`,
    );
    const body = await explainJson([`connect ECONNREFUSED 127.0.0.1:${port}`], configDir);
    const listening = body.findings.find((f) => f.check === 'listening');
    expect(listening?.status).toBe('problem');
    expect(listening?.message).toContain(
      `Nothing listens on tcp/${port}; it was held by node (PID ${pid}) until`,
    );
    expect(listening?.message).toContain('which exited');
    expect(body.verdict).toBe(listening?.message);

    const other = await unusedPort();
    const plain = await explainJson([`http://127.0.0.1:${other}/api`]);
    expect(plain.situation).toBe('reachability');
    expect(plain.verdict).toBe(`Nothing listens on tcp/${other}.`);
  });

  test.each([[['hello', 'world']], [['70000']], [['connect ECONNREFUSED']]])(
    'bad input %j: exit 2 with the parser message',
    async (words) => {
      const { code, stdout, stderr } = await runCli(['explain', ...words], freshConfigDir());
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^porthole: .*(port|expected)/);
    },
  );
});
