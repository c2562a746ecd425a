// readBytesSync: a socket table is read whole, and a short read ends it without the empty read
// that would make the kernel walk its connection hash once more.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { nodeProcFs, TABLE_END_BELOW } from '../../../../src-main/core/platform/proc-fs.js';
import { killNodeChildren, startNodeChild } from '../../../helpers/node-children.js';

const linux = process.platform === 'linux';
const dir = mkdtempSync(path.join(tmpdir(), 'porthole-proc-fs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(killNodeChildren);

/** read() calls this thread has made so far (Linux: /proc/thread-self/io). */
function readCalls(): number {
  const io = readFileSync('/proc/thread-self/io', 'latin1');
  return Number(/^syscr:\s*(\d+)/m.exec(io)?.[1]);
}

/** read() calls that `fn` makes, less what counting itself costs. */
function readCallsOf(fn: () => void): number {
  const empty = -(readCalls() - readCalls());
  const before = readCalls();
  fn();
  return readCalls() - before - empty;
}

describe('a regular file (a fake /proc) of any size', () => {
  test.each([0, 1, TABLE_END_BELOW - 1, TABLE_END_BELOW, 4096, 64 * 1024, 300_000])(
    '%i bytes come back whole',
    (size) => {
      const file = path.join(dir, `table-${size}`);
      const bytes = Buffer.alloc(size, 'tcp line\n');
      writeFileSync(file, bytes);
      const read = nodeProcFs.readBytesSync(file, Buffer.alloc(0));
      expect(read.length).toBe(size);
      expect(read.buffer.subarray(0, read.length).equals(bytes)).toBe(true);
    },
  );
});

describe.runIf(linux)('read() calls', () => {
  test('a table shorter than TABLE_END_BELOW takes one read, not a second empty one', () => {
    const file = path.join(dir, 'short');
    writeFileSync(file, 'x'.repeat(TABLE_END_BELOW - 1));
    expect(readCallsOf(() => nodeProcFs.readBytesSync(file, Buffer.alloc(0)))).toBe(1);
  });

  test('a file that fills whole reads is read until the empty read', () => {
    // 64 KiB at once, then the rest needs a grown buffer; the last read comes back empty.
    const file = path.join(dir, 'long');
    writeFileSync(file, 'y'.repeat(64 * 1024));
    expect(readCallsOf(() => nodeProcFs.readBytesSync(file, Buffer.alloc(0)))).toBe(2);
  });
});

describe.runIf(linux)('the kernel tables, a page per read', () => {
  test('1,200 listeners on 127.0.0.1 and 1,200 on ::1: every one is in the table read', async () => {
    const count = 1200;
    // One child holds them all and writes their ports to a file once every one listens.
    const portsFile = path.join(dir, 'ports.json');
    const script = `const net = require('node:net'); const ports = []; let left = ${2 * count};
for (const host of ['127.0.0.1', '::1']) for (let i = 0; i < ${count}; i++) {
  const server = net.createServer().listen(0, host, () => {
    ports.push(host + ' ' + server.address().port);
    if (--left > 0) return;
    require('node:fs').writeFileSync(${JSON.stringify(portsFile)}, JSON.stringify(ports));
    console.log('ready');
  });
}
setTimeout(() => process.exit(0), 60000);`;
    await startNodeChild(script);
    const held = JSON.parse(readFileSync(portsFile, 'utf8')) as string[];
    const listening = (table: string): Set<number> => {
      const read = nodeProcFs.readBytesSync(`/proc/net/${table}`, Buffer.alloc(0));
      const ports = new Set<number>();
      for (const line of read.buffer.toString('latin1', 0, read.length).split('\n')) {
        const fields = line.trim().split(/\s+/);
        if (fields[3] === '0A') ports.add(Number.parseInt(fields[1]!.split(':')[1]!, 16));
      }
      return ports;
    };
    const v4 = listening('tcp');
    const v6 = listening('tcp6');
    const portsOf = (host: string) =>
      held
        .filter((entry) => entry.startsWith(`${host} `))
        .map((entry) => Number(entry.split(' ')[1]));
    expect(portsOf('127.0.0.1').filter((port) => !v4.has(port))).toEqual([]);
    expect(portsOf('::1').filter((port) => !v6.has(port))).toEqual([]);
    expect(portsOf('::1')).toHaveLength(count);
  }, 60_000);
});
