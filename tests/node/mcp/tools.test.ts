// `porthole mcp` end to end: the SDK's client over stdio against the built CLI and real loopback sockets.
import { once } from 'node:events';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders, type Holder } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from '../cli/run-cli.js';
import { closeAllMcp, startMcp, textOf, type McpSession } from './mcp-client.js';

const READ_TOOLS = [
  'explain',
  'find_free_ports',
  'list_listeners',
  'probe',
  'watch_status',
  'who_holds_port',
];

afterAll(cleanupConfigDirs);

/** A port that was just free: bound by us, then closed (so a connect to it is refused). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** The message Node gives a refused connection, as an agent would paste it. */
async function refusedMessage(port: number): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  const [error] = (await once(socket, 'error').catch((e: unknown) => [e])) as [Error];
  socket.destroy();
  return error.message;
}

async function bindsOn127(port: number): Promise<boolean> {
  const server = net.createServer();
  try {
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return true;
  } catch {
    return false;
  } finally {
    if (server.listening) {
      server.close();
      await once(server, 'close');
    }
  }
}

describe('tools/list', () => {
  afterEach(closeAllMcp);

  test('read-only by default: exactly the six read tools, and stop_process is no tool', async () => {
    const mcp = await startMcp(freshConfigDir());
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(READ_TOOLS);
    const who = tools.find((t) => t.name === 'who_holds_port');
    expect(who?.inputSchema).toMatchObject({
      required: ['port'],
      properties: { port: { type: 'integer', minimum: 1, maximum: 65535 } },
    });
    const stop = await mcp.call('stop_process', { pid: process.pid, startToken: 'x' });
    expect(stop.isError).toBe(true);
    expect(textOf(stop)).toMatch(/stop_process not found/);
    expect(mcp.stderr()).toMatch(/stopping processes is off/);
  });

  test('with --allow-kill: stop_process as well', async () => {
    const mcp = await startMcp(freshConfigDir(), ['--allow-kill']);
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS, 'stop_process'].sort());
  });
});

describe('tools over a real listener', () => {
  let dir: string;
  let mcp: McpSession;
  let holder: Holder;
  let port: number;

  beforeAll(async () => {
    dir = freshConfigDir();
    holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    port = holder.sockets[0]!.port;
    mcp = await startMcp(dir);
  });
  afterAll(async () => {
    await closeAllMcp();
    await stopAllHolders();
  });

  test("who_holds_port returns the listener's PID, in the shape of `who --json`", async () => {
    const result = await mcp.call('who_holds_port', { port });
    expect(result.isError).toBeFalsy();
    const body = result.structuredContent as {
      port: number;
      sockets: { pid: number | null; localAddress: string; localPort: number }[];
      answers: { address: string; open: boolean; pid: number | null }[];
    };
    expect(body.port).toBe(port);
    expect(body.sockets.map((s) => [s.localAddress, s.localPort, s.pid])).toEqual([
      ['127.0.0.1', port, holder.pid],
    ]);
    expect(body.answers.find((a) => a.address === '127.0.0.1')).toMatchObject({
      open: true,
      pid: holder.pid,
    });
    // The text is the same record, for clients that read text only.
    expect(JSON.parse(textOf(result))).toEqual(body);

    const cli = await runCli(['who', String(port), '--json'], dir);
    const cliBody = JSON.parse(cli.stdout) as typeof body;
    expect(Object.keys(body)).toEqual(Object.keys(cliBody));
    expect(body.sockets).toEqual(cliBody.sockets);
  });

  test('list_listeners sees the listener, in the shape of `list --json`', async () => {
    const result = await mcp.call('list_listeners', {});
    const body = result.structuredContent as {
      sockets: { pid: number | null; localPort: number; state: string }[];
    };
    expect(body.sockets).toContainEqual(
      expect.objectContaining({ localPort: port, pid: holder.pid, localAddress: '127.0.0.1' }),
    );
    expect(body.sockets.every((s) => s.state === 'LISTEN' || s.state === 'UNCONN')).toBe(true);
    const cli = JSON.parse((await runCli(['list', '--json'], dir)).stdout) as object;
    expect(Object.keys(body)).toEqual(Object.keys(cli));

    const all = (await mcp.call('list_listeners', { all: true })).structuredContent as {
      sockets: unknown[];
    };
    expect(all.sockets.length).toBeGreaterThanOrEqual(body.sockets.length);
  });

  test('find_free_ports suggests ports that really bind, never the held one', async () => {
    const result = await mcp.call('find_free_ports', { near: port, count: 3 });
    const { ports } = result.structuredContent as { ports: number[] };
    expect(ports).toHaveLength(3);
    expect(ports).not.toContain(port);
    for (const free of ports) expect(await bindsOn127(free), `port ${free}`).toBe(true);
  });

  test('probe: open on the listener, ECONNREFUSED on a closed port', async () => {
    const open = await mcp.call('probe', { host: '127.0.0.1', port });
    expect(open.structuredContent).toMatchObject({
      address: '127.0.0.1',
      family: 4,
      open: true,
      error: null,
    });
    const closed = await closedPort();
    const refused = await mcp.call('probe', { host: '127.0.0.1', port: closed });
    expect(refused.isError).toBeFalsy();
    expect(refused.structuredContent).toMatchObject({ open: false, error: 'ECONNREFUSED' });
    expect(Object.keys(refused.structuredContent ?? {})).toEqual([
      'address',
      'family',
      'open',
      'ms',
      'error',
    ]);
  });

  test('explain on a real ECONNREFUSED message names the port and the cause', async () => {
    const closed = await closedPort();
    const text = await refusedMessage(closed);
    expect(text).toBe(`connect ECONNREFUSED 127.0.0.1:${closed}`);
    const result = await mcp.call('explain', { text });
    expect(result.isError).toBeFalsy();
    const body = result.structuredContent as {
      situation: string;
      target: { port: number };
      verdict: string;
      findings: { check: string; status: string }[];
    };
    expect(body.situation).toBe('connect-refused');
    expect(body.target.port).toBe(closed);
    expect(body.verdict).toMatch(new RegExp(`Nothing listens on tcp/${closed}`));
    expect(body.findings).toContainEqual(
      expect.objectContaining({ check: 'listening', status: 'problem' }),
    );
    const cli = JSON.parse((await runCli(['explain', text, '--json'], dir)).stdout) as object;
    expect(Object.keys(body)).toEqual(Object.keys(cli));
  });

  test('bad input is an error in words, and the server carries on', async () => {
    const far = await mcp.call('who_holds_port', { port: 70000 });
    expect(far.isError).toBe(true);
    expect(textOf(far)).toMatch(/port must be a whole number from 1 to 65535/);
    const none = await mcp.call('who_holds_port', {});
    expect(none.isError).toBe(true);
    expect(textOf(none)).toMatch(/port must be a whole number from 1 to 65535/);
    const count = await mcp.call('find_free_ports', { count: 0 });
    expect(textOf(count)).toMatch(/count must be a whole number from 1 to 50/);
    const host = await mcp.call('probe', { host: 'a b', port: 80 });
    expect(host.isError).toBe(true);
    expect(textOf(host)).toMatch(/contains spaces/);
    const vague = await mcp.call('explain', { text: 'it does not work' });
    expect(vague.isError).toBe(true);
    expect(textOf(vague).length).toBeGreaterThan(10);
    // Still answering.
    const again = await mcp.call('who_holds_port', { port });
    expect(again.isError).toBeFalsy();
  });
});

describe('watch_status', () => {
  afterEach(async () => {
    await closeAllMcp();
    await stopAllHolders();
  });

  test('each saved watch checked now, in the shape of `status --json`', async () => {
    const dir = freshConfigDir();
    const held = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const heldPort = held.sockets[0]!.port;
    const gonePort = await closedPort();
    for (const p of [heldPort, gonePort]) {
      const saved = await runCli(['watch', String(p), '--save', '--once'], dir);
      expect(saved.stderr).not.toMatch(/error/);
    }
    const mcp = await startMcp(dir);
    const result = await mcp.call('watch_status');
    const body = result.structuredContent as {
      line: string;
      watches: number;
      watchesDown: number;
      watchStates: { target: string; status: string; pid: number | null }[];
    };
    expect(body).toMatchObject({ watches: 2, watchesDown: 1 });
    expect(body.line).toMatch(/2 watches, 1 down/);
    expect(body.watchStates).toContainEqual(
      expect.objectContaining({ target: String(heldPort), status: 'up', pid: held.pid }),
    );
    expect(body.watchStates).toContainEqual(
      expect.objectContaining({ target: String(gonePort), status: 'down', pid: null }),
    );
    const cli = JSON.parse((await runCli(['status', '--json'], dir)).stdout) as object;
    expect(Object.keys(body)).toEqual(Object.keys(cli));
  });
});

describe('when sockets cannot be collected', () => {
  afterEach(closeAllMcp);

  test('tools that need them say why in words; the others still answer', async () => {
    // The systeminformation source needs netstat or ss; an empty PATH takes both away.
    const broken = { PORTHOLE_SOURCE: 'systeminformation', PATH: '/nonexistent' };
    const mcp = await startMcp(freshConfigDir(), [], broken);
    const list = await mcp.call('list_listeners', {});
    expect(list.isError).toBe(true);
    expect(textOf(list)).toMatch(/^could not collect sockets \(.*not found/);
    const free = await mcp.call('find_free_ports', { near: 40000, count: 1 });
    expect(free.isError).toBeFalsy();
    expect((free.structuredContent as { ports: number[] }).ports).toHaveLength(1);
    const probe = await mcp.call('probe', { host: '127.0.0.1', port: await closedPort() });
    expect(probe.structuredContent).toMatchObject({ open: false, error: 'ECONNREFUSED' });
    expect(mcp.stderr()).toMatch(/^porthole: warning: could not collect sockets/m);
  });
});
