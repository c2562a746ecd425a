// Row identity helpers: unique keys for a keyed list, live counts without fading rows, key sets.
import { describe, expect, test } from 'vitest';
import { socketKey } from '../../../src-main/shared/snapshot.js';
import { countLive, keyOf, keySet, rowKeys } from '../../../src-renderer/lib/sockets.js';
import { listener } from '../fakes.js';

describe('socket helpers', () => {
  test('rows the source cannot tell apart still get unique keys', () => {
    const a = listener({ protocol: 'udp', state: 'UNCONN', localPort: 5353, pid: 10 });
    const b = { ...a, pid: 11 };
    const c = listener({ localPort: 80 });
    const keyAt = rowKeys([a, b, c]);
    const keys = [0, 1, 2].map(keyAt);
    expect(keys).toEqual([socketKey(a), `${socketKey(a)}#2`, socketKey(c)]);
    expect(new Set(keys).size).toBe(3);
    expect(keyAt(3)).toBeUndefined();
  });

  test('keys asked for out of order, among many rows, are the same as in order', () => {
    const rows = Array.from({ length: 50 }, (_, i) =>
      listener({ protocol: 'udp', localPort: 5000 + (i % 10), pid: i }),
    );
    const inOrder = rows.map((_, i) => rowKeys(rows)(i));
    const keyAt = rowKeys(rows);
    const backwards = rows.map((_, i) => keyAt(rows.length - 1 - i)).reverse();
    expect(backwards).toEqual(inOrder);
    expect(new Set(inOrder).size).toBe(50);
    expect(inOrder[49]).toBe(`${socketKey(rows[9]!)}#5`);
  });

  test('keyOf equals socketKey and is stable per record', () => {
    const a = listener({ inode: 7 });
    expect(keyOf(a)).toBe(socketKey(a));
    expect(keyOf(a)).toBe(keyOf(a));
  });

  test('countLive leaves out fading rows; keySet finds keys', () => {
    const rows = [
      listener({ localPort: 1 }),
      listener({ localPort: 2 }),
      listener({ localPort: 3 }),
    ];
    expect(countLive(rows, [])).toBe(3);
    expect(countLive(rows, [rows[1]!])).toBe(2);
    expect(keySet(['tcp:0.0.0.0:80']).has('tcp:0.0.0.0:80')).toBe(true);
    expect(keySet([]).size).toBe(0);
  });
});
