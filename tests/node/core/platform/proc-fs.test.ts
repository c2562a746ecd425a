// readBytesSync: a socket table is read whole, and a short read ends it without the empty read
// that would make the kernel walk its connection hash once more. readListeningSync: a TCP table's
// listeners only, read a line or two at a time up to the first other line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
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

test('the bench floor ends a table by the same rule (bench/proc-floor.cjs restates it)', () => {
  const floor = createRequire(import.meta.url)('../../../../bench/proc-floor.cjs') as {
    TABLE_END_BELOW: number;
  };
  expect(floor.TABLE_END_BELOW).toBe(TABLE_END_BELOW);
});

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

describe('readListeningSync', () => {
  const header =
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
  const line = (n: number, st: string) =>
    `${String(n).padStart(4)}: 0100007F:${(4000 + n).toString(16).toUpperCase()} 00000000:0000 ${st} 00000000:00000000 00:00000000 00000000     0        0 ${9000 + n} 1 0000000000000000 100 0 0 10 0`;

  test('stops at the first line that is not a listener, and keeps whole lines only', () => {
    const file = path.join(dir, 'listening');
    const listeners = Array.from({ length: 40 }, (_, i) => line(i, '0A'));
    const text = [header, ...listeners, line(40, '01'), line(41, '0A'), ''].join('\n');
    writeFileSync(file, text);
    const read = nodeProcFs.readListeningSync(file, Buffer.alloc(0));
    expect(read.buffer.toString('latin1', 0, read.length)).toBe(
      `${[header, ...listeners].join('\n')}\n`,
    );
  });

  test('malformed tables: empty, no line end at all, a line of garbage, a state field missing', () => {
    const file = path.join(dir, 'malformed');
    const readBack = (text: string): string => {
      writeFileSync(file, text);
      const read = nodeProcFs.readListeningSync(file, Buffer.alloc(0));
      return read.buffer.toString('latin1', 0, read.length);
    };
    expect(readBack('')).toBe('');
    // No newline anywhere: read to the end, 256 bytes at a time, and handed back for the parser.
    expect(readBack('x'.repeat(10_000))).toBe('x'.repeat(10_000));
    // Anything that is not a listener ends the listening part, garbage included.
    expect(readBack(`${header}\n${line(0, '0A')}\n\u0000\u0001 garbage\n${line(1, '0A')}\n`)).toBe(
      `${header}\n${line(0, '0A')}\n`,
    );
    expect(readBack(`${header}\n   0: 0100007F:0FA0\n${line(1, '0A')}\n`)).toBe(`${header}\n`);
  });

  test('a table of listeners only, or of none, comes back whole', () => {
    const file = path.join(dir, 'only-listening');
    for (const text of [`${header}\n`, `${[header, line(0, '0A'), line(1, '0A')].join('\n')}\n`]) {
      writeFileSync(file, text);
      const read = nodeProcFs.readListeningSync(file, Buffer.alloc(0));
      expect(read.buffer.toString('latin1', 0, read.length)).toBe(text);
    }
  });

  test.runIf(linux)(
    'the kernel table: 300 listeners of a process come back, its 100 connections do not',
    async () => {
      const portsFile = path.join(dir, 'listening-ports.json');
      const script = `const net = require('node:net'); const ports = []; let left = 300;
for (let i = 0; i < 300; i++) {
  const server = net.createServer(() => {}).listen(0, '127.0.0.1', () => {
    ports.push(server.address().port);
    if (--left > 0) return;
    let open = 0;
    for (let c = 0; c < 100; c++) net.connect(ports[0], '127.0.0.1', () => {
      if (++open < 100) return;
      require('node:fs').writeFileSync(${JSON.stringify(portsFile)}, JSON.stringify(ports));
      console.log('ready');
    });
  });
}
setTimeout(() => process.exit(0), 60000);`;
      await startNodeChild(script);
      const ports = JSON.parse(readFileSync(portsFile, 'utf8')) as number[];
      const read = nodeProcFs.readListeningSync('/proc/net/tcp', Buffer.alloc(0));
      const rows = read.buffer
        .toString('latin1', 0, read.length)
        .split('\n')
        .slice(1, -1)
        .map((text) => text.trim().split(/\s+/));
      expect(rows.length).toBeGreaterThanOrEqual(300);
      expect(rows.filter((fields) => fields[3] !== '0A')).toEqual([]);
      const listed = new Set(rows.map((fields) => Number.parseInt(fields[1]!.split(':')[1]!, 16)));
      expect(ports.filter((port) => !listed.has(port))).toEqual([]);
      // The connections exist (a whole read shows them), past the listeners.
      const whole = nodeProcFs.readBytesSync('/proc/net/tcp', Buffer.alloc(0));
      const established = whole.buffer
        .toString('latin1', 0, whole.length)
        .split('\n')
        .filter((text) => text.trim().split(/\s+/)[3] === '01');
      expect(established.length).toBeGreaterThanOrEqual(200);
    },
    60_000,
  );
});
