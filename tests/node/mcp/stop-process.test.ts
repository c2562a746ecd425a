// stop_process (only with --allow-kill): the window's kill over MCP, for a PID behind a port only.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { defaultSettings } from '../../../src-main/core/settings/index.js';
import { isRunning, killNodeChildren, startNodeChild } from '../../helpers/node-children.js';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir } from '../cli/run-cli.js';
import { closeAllMcp, startMcp, textOf, type McpSession } from './mcp-client.js';

afterEach(async () => {
  await closeAllMcp();
  await stopAllHolders();
  await killNodeChildren();
});
afterAll(cleanupConfigDirs);

interface Identity {
  pid: number;
  startToken: string | null;
  killable: boolean;
  reason: string | null;
}

/** who_holds_port's processes: the holder's identity with its start token. */
async function identityOf(mcp: McpSession, port: number, pid: number): Promise<Identity> {
  const who = await mcp.call('who_holds_port', { port });
  const { processes } = who.structuredContent as { processes: Identity[] };
  const found = processes.find((p) => p.pid === pid);
  if (!found) throw new Error(`PID ${pid} is not among ${JSON.stringify(processes)}`);
  return found;
}

describe('stop_process', () => {
  test('refuses a wrong startToken, then stops the holder with the right one', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const mcp = await startMcp(freshConfigDir(), ['--allow-kill']);
    const identity = await identityOf(mcp, port, holder.pid);
    expect(identity).toMatchObject({ killable: true, reason: null });
    expect(identity.startToken).toEqual(expect.any(String));

    const wrong = await mcp.call('stop_process', { pid: holder.pid, startToken: 'proc:1:2' });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toBe(
      `PID ${holder.pid} now belongs to a different process; refresh and try again`,
    );
    expect(wrong.structuredContent).toMatchObject({ ok: false, signal: null });
    expect(isRunning(holder.pid)).toBe(true);

    const exited = once(holder.child, 'exit');
    const right = await mcp.call('stop_process', {
      pid: holder.pid,
      startToken: identity.startToken,
    });
    expect(right.isError).toBeFalsy();
    expect(right.structuredContent).toMatchObject({ ok: true, signal: 'SIGTERM' });
    expect(textOf(right)).toMatch(/stopped/);
    await exited;
    expect(isRunning(holder.pid)).toBe(false);
  });

  test('refuses a PID that holds no port, whatever its token', async () => {
    const { child } = await startNodeChild('console.log("ready"); setInterval(() => {}, 1000);');
    const pid = child.pid!;
    const mcp = await startMcp(freshConfigDir(), ['--allow-kill']);
    const result = await mcp.call('stop_process', { pid, startToken: null });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `not stopped: PID ${pid} holds no port (Porthole stops only a process behind a port; who_holds_port names them)`,
    );
    expect(isRunning(pid)).toBe(true);
  });

  test("refuses what the window refuses: a protected process, in the window's words", async () => {
    const dir = freshConfigDir();
    const settings = defaultSettings();
    const preferences = { ...settings.preferences, protectedProcesses: ['held-by-test'] };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...settings, preferences }));
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }], title: 'held-by-test' });
    const port = holder.sockets[0]!.port;
    const mcp = await startMcp(dir, ['--allow-kill']);
    const identity = await identityOf(mcp, port, holder.pid);
    expect(identity.killable).toBe(false);
    const result = await mcp.call('stop_process', {
      pid: holder.pid,
      startToken: identity.startToken,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `not stopped: held-by-test (PID ${holder.pid}) is a protected process (see protectedProcesses in settings)`,
    );
    expect(isRunning(holder.pid)).toBe(true);
  });

  test('bad input is refused in words before anything is signalled', async () => {
    const mcp = await startMcp(freshConfigDir(), ['--allow-kill']);
    const zero = await mcp.call('stop_process', { pid: 0, startToken: null });
    expect(zero.isError).toBe(true);
    expect(textOf(zero)).toMatch(/pid must be a whole number from 1 to 2147483647/);
    const noToken = await mcp.call('stop_process', { pid: 4321 });
    expect(noToken.isError).toBe(true);
    expect(textOf(noToken)).toMatch(/startToken/);
  });
});
