// Row identity helpers: unique keys for a keyed list, live counts without fading rows, key sets.
import { describe, expect, test } from 'vitest';
import { socketKey } from '../../../src-main/domain/index.js';
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

  test('a filtered subset keeps the keys rows have in the full list, all unique', () => {
    // UDP sockets without an inode: three rows with one endpoint, told apart only by #n.
    const twins = [10, 11, 12].map((pid) =>
      listener({ protocol: 'udp', state: 'UNCONN', localPort: 5353, pid, inode: null }),
    );
    const all = [listener({ localPort: 80 }), ...twins, listener({ localPort: 443 })];
    const full = all.map((_, i) => rowKeys(all)(i));
    expect(new Set(full).size).toBe(all.length);
    const subsets = [[all[2]!, all[3]!], [all[1]!, all[3]!, all[4]!], [all[3]!]];
    for (const subset of subsets) {
      const keyAt = rowKeys(subset, all);
      const keys = subset.map((_, i) => keyAt(i));
      expect(keys).toEqual(subset.map((row) => full[all.indexOf(row)]));
      expect(new Set(keys).size).toBe(subset.length);
    }
    expect(rowKeys(subsets[0]!, all)(0)).toBe(`${socketKey(twins[0]!)}#2`);
  });

  test('one record listed twice still gets two keys', () => {
    const a = listener({ localPort: 7 });
    const all = [a, listener({ localPort: 8 }), a];
    const keys = [0, 1, 2].map(rowKeys(all));
    expect(new Set(keys).size).toBe(3);
    const subset = [a, a];
    expect(new Set([0, 1].map(rowKeys(subset, all))).size).toBe(2);
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
