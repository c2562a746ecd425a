// stdout carries protocol messages only: a raw client checks every line is JSON-RPC, logs go to stderr.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { stopChild } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir } from '../cli/run-cli.js';
import { BIN, mcpEnv } from './mcp-client.js';
import { PROJECT_ROOT, builtFile } from '../../helpers/built-output.js';

const children: ReturnType<typeof spawn>[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => stopChild(child)));
});
afterAll(cleanupConfigDirs);

const request = (id: number, method: string, params: object = {}) => ({
  jsonrpc: '2.0',
  id,
  method,
  params,
});
const call = (id: number, name: string, args: object) =>
  request(id, 'tools/call', { name, arguments: args });

test('every stdout line is a JSON-RPC message; warnings and logs go to stderr; stdin closed ends it', async () => {
  builtFile('node/mcp/server.js');
  const dir = freshConfigDir();
  // A corrupt settings file makes the server warn: the warning must not reach stdout.
  writeFileSync(path.join(dir, 'settings.json'), '{ "version": 1, "watches": [ oops');
  const child = spawn(process.execPath, [BIN, 'mcp'], {
    cwd: PROJECT_ROOT,
    env: mcpEnv(dir),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const messages = [
    request(1, 'initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'raw', version: '1' },
    }),
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    request(2, 'tools/list'),
    call(3, 'list_listeners', { all: true }),
    call(4, 'who_holds_port', { port: 70000 }),
    call(5, 'probe', { host: 'no-such-host.invalid', port: 9 }),
    call(6, 'explain', { text: 'listen EADDRINUSE: address already in use :::1' }),
    call(7, 'watch_status', {}),
    call(8, 'find_free_ports', { near: 40000, count: 2 }),
    request(9, 'no/such/method'),
  ];
  child.stdin.end(messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
  // The client closed stdin: the server answers what it was asked, then exits by itself.
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  expect(code, stderr).toBe(0);

  const lines = stdout.split('\n').filter((line) => line !== '');
  const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const message of parsed) {
    expect(message.jsonrpc).toBe('2.0');
    expect('result' in message || 'error' in message || 'method' in message).toBe(true);
  }
  const ids = parsed.map((m) => m.id).filter((id) => id !== undefined);
  expect([...ids].sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(stdout.endsWith('\n')).toBe(true);

  expect(stderr).toMatch(/^porthole: warning: .*settings\.json is not valid JSON/m);
  expect(stderr).toMatch(/^porthole: MCP server on stdio; stopping processes is off/m);
  // Only our own lines on stderr: no stack traces.
  for (const line of stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^porthole: /);
});
