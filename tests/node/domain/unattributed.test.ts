import { describe, expect, test } from 'vitest';
import {
  noUnattributed,
  smoothUnattributed,
  unattributedAdvice,
  unattributedClause,
  unattributedCounts,
  unattributedLine,
  unattributedNotices,
  unattributedWhy,
  unnamedHolder,
  UNATTRIBUTED_CAUSES,
  type UnattributedCounts,
} from '../../../src-main/domain/unattributed.js';
import { socketOwnerOrUnknown } from '../../../src-main/domain/socket-owner.js';

const counts = (over: Partial<UnattributedCounts>): UnattributedCounts => ({
  ...noUnattributed(),
  ...over,
});

describe('words per cause', () => {
  test('only other-user and refused advise privileges; kernel says privileges would not help', () => {
    const privileged = /sudo|root|privileges/i;
    for (const cause of UNATTRIBUTED_CAUSES) {
      const advice = unattributedAdvice(cause);
      const said = `${unattributedLine(cause, 2)} ${advice ?? ''}`;
      if (cause === 'other-user' || cause === 'refused') {
        expect(said, cause).toMatch(/sudo/);
        expect(advice, cause).not.toBeNull();
      } else {
        expect(said, cause).not.toMatch(privileged);
        expect(advice, cause).toBeNull();
      }
    }
    expect(unattributedWhy('kernel')).toMatch(/would not change/);
    expect(unattributedWhy('kernel')).toMatch(/namespace/);
    // Refused: sudo helps only where Porthole is not root already, and the why says so.
    expect(unattributedAdvice('refused')).toMatch(/^Unless Porthole already runs as root/);
    expect(unattributedWhy('refused')).toMatch(/non-dumpable.*root too/s);
  });

  test('who holds an unnamed socket: a phrase per cause, an unknown process without one', () => {
    const holders = UNATTRIBUTED_CAUSES.map((cause) => unnamedHolder(cause));
    expect(new Set(holders).size).toBe(UNATTRIBUTED_CAUSES.length);
    expect(unnamedHolder('refused')).toBe('a process that refuses inspection');
    expect(unnamedHolder(undefined)).toBe('an unknown process');
    expect(unnamedHolder(null)).toBe(unnamedHolder('unknown'));
    // A cause this build does not know (a newer server's) reads as unknown, never throws.
    for (const bogus of ['rootkit', '__proto__', 'toString'])
      expect(unnamedHolder(bogus as never)).toBe('an unknown process');
    // The same words where any layer names a socket's owner.
    expect(
      socketOwnerOrUnknown({ pid: null, process: null, unattributedCause: 'other-user' }),
    ).toBe('another user’s process (sudo would name it)');
    expect(socketOwnerOrUnknown({ pid: 7, process: 'node', unattributedCause: 'kernel' })).toBe(
      'node (PID 7)',
    );
  });

  test('singular and plural', () => {
    expect(unattributedLine('gone', 1)).toMatch(/^1 socket of /);
    expect(unattributedLine('gone', 3)).toMatch(/^3 sockets of /);
  });

  test('notices list the causes with a count, in vocabulary order', () => {
    const notices = unattributedNotices(counts({ unknown: 1, kernel: 2, refused: 3 }));
    expect(notices.map((n) => [n.cause, n.count])).toEqual([
      ['refused', 3],
      ['kernel', 2],
      ['unknown', 1],
    ]);
    expect(notices[0]?.line).toBe('3 sockets of processes that refuse inspection');
  });

  test('the CLI clause names each cause present with its count', () => {
    expect(unattributedClause(counts({ 'other-user': 3, refused: 0, kernel: 1 }))).toBe(
      '3 of other users’ processes: run with sudo to see them; 1 kernel or other-namespace: no process to name',
    );
    expect(unattributedClause(counts({ refused: 2, gone: 1 }))).toBe(
      '2 of processes that refuse inspection; 1 of processes that just exited',
    );
    expect(unattributedClause(counts({ unknown: 4, 'other-user': 1 }))).toBe(
      '1 of other users’ processes: run with sudo to see them; 4 for no known reason',
    );
    expect(unattributedClause(noUnattributed())).toBe('');
  });
});

describe('counts', () => {
  test('a snapshot without causes counts all as unknown', () => {
    expect(unattributedCounts({ unattributed: 4 })).toEqual(counts({ unknown: 4 }));
    expect(
      unattributedCounts({ unattributed: 4, unattributedByCause: counts({ kernel: 4 }) }),
    ).toEqual(counts({ kernel: 4 }));
  });

  test('smoothing keeps each cause at its minimum over the last three reads', () => {
    const reads = [1, 201, 14, 14, 14].map((kernel) =>
      counts({ kernel, gone: kernel > 100 ? 50 : 0 }),
    );
    const seen = reads.map((_, i) => smoothUnattributed(reads.slice(0, i + 1)).kernel);
    expect(seen).toEqual([1, 1, 1, 14, 14]);
    expect(smoothUnattributed(reads.slice(0, 3)).gone).toBe(0);
    expect(smoothUnattributed([])).toEqual(noUnattributed());
  });
});
