// The fast commands exit as soon as their output is written (cli/main.ts): the output must still
// be whole when it is large and the reader is slow to take it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect, test } from 'vitest';
import { killNodeChildren, startNodeChild } from '../../helpers/node-children.js';
import { cleanupConfigDirs, freshConfigDir } from './run-cli.js';

const BIN = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'bin', 'porthole.cjs');
afterEach(killNodeChildren);
afterAll(cleanupConfigDirs);

const LISTENERS = 1500;

test('list --json with 1,500 listeners, read only after a pause: whole JSON, every socket, exit 0', async () => {
  // One process holding LISTENERS loopback listeners; it prints its PID once all listen.
  const script = `const net = require('node:net'); let left = ${LISTENERS}; const held = [];
for (let i = 0; i < ${LISTENERS}; i++) held.push(net.createServer().listen(0, '127.0.0.1', () => { if (--left === 0) console.log(process.pid); }));`;
  const { ready } = await startNodeChild(script);
  const pid = Number(ready);
  const child = spawn(process.execPath, [BIN, 'list', '--json'], {
    env: { ...process.env, PORTHOLE_CONFIG_DIR: freshConfigDir(), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  // Nobody reads for a while: the pipe fills (64 KiB) long before the output ends.
  child.stdout.pause();
  await new Promise((resolve) => setTimeout(resolve, 400));
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stdout.resume();
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  expect(code).toBe(0);
  expect(stdout.length).toBeGreaterThan(64 * 1024);
  const body = JSON.parse(stdout) as { sockets: { pid: number | null; state: string }[] };
  expect(body.sockets.filter((s) => s.pid === pid && s.state === 'LISTEN')).toHaveLength(LISTENERS);
});
