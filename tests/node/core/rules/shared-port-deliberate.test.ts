// Shared ports: SO_REUSEPORT workers of one parent are deliberate (info); strangers sharing stay a warning.
import { describe, expect, test } from 'vitest';
import { findConflicts } from '../../../../src-main/core/rules/conflicts.js';
import { commonParent } from '../../../../src-main/core/rules/shared-port.js';
import { conflictSeverity } from '../../../../src-main/domain/severity.js';
import { listener, snapshotOf } from './fixtures.js';

const find = (sockets: Parameters<typeof snapshotOf>[0]) =>
  findConflicts(snapshotOf(sockets), [], { ipv6Loopback: false });

describe('deliberate shared port', () => {
  test('workers of one parent on one address are info, with a summary naming the parent', () => {
    const [c, ...rest] = find([
      listener('0.0.0.0', 4100, 101, 'node', { parent: 100 }),
      listener('0.0.0.0', 4100, 102, 'node', { parent: 100 }),
    ]);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ kind: 'shared-port', deliberate: true, pids: [101, 102] });
    expect(conflictSeverity(c!)).toBe('info');
    expect(c!.summary).toBe(
      '4100 · node (PIDs 101, 102) · SO_REUSEPORT workers of PID 100 on 0.0.0.0',
    );
    expect(c!.message).toContain('on purpose (SO_REUSEPORT)');
  });

  test('the parent holding a socket beside its workers is still one group', () => {
    const [c] = find([
      listener('127.0.0.1', 4100, 100, 'node', { parent: 50 }),
      listener('127.0.0.1', 4100, 101, 'node', { parent: 100 }),
    ]);
    expect(c?.deliberate).toBe(true);
    expect(c!.summary).toContain('workers of node (PID 100)');
  });

  test('different parents, unknown parents, PID 1 or different programs are a warning', () => {
    const cases = [
      [
        listener('0.0.0.0', 4100, 101, 'node', { parent: 100 }),
        listener('0.0.0.0', 4100, 201, 'node', { parent: 200 }),
      ],
      [listener('0.0.0.0', 4100, 101, 'node'), listener('0.0.0.0', 4100, 102, 'node')],
      [
        listener('0.0.0.0', 4100, 101, 'nginx', { parent: 1 }),
        listener('0.0.0.0', 4100, 102, 'nginx', { parent: 1 }),
      ],
      [
        listener('0.0.0.0', 4100, 101, 'node', { parent: 100 }),
        listener('0.0.0.0', 4100, 102, 'python3', { parent: 100 }),
      ],
    ];
    for (const sockets of cases) {
      const [c] = find(sockets);
      expect(c?.kind).toBe('shared-port');
      expect(c?.deliberate).toBeUndefined();
      expect(conflictSeverity(c!)).toBe('warning');
      expect(c!.summary).toMatch(/^4100 · shared by .+ on 0\.0\.0\.0$/);
    }
  });

  test('commonParent needs every holder to be the parent or its child', () => {
    const a = listener('0.0.0.0', 1, 11, 'w', { parent: 10 });
    const b = listener('0.0.0.0', 1, 12, 'w', { parent: 10 });
    const stranger = listener('0.0.0.0', 1, 13, 'w', { parent: 99 });
    expect(commonParent([a, b])).toBe(10);
    expect(commonParent([a, b, stranger])).toBeNull();
    expect(commonParent([a])).toBe(10);
  });
});
