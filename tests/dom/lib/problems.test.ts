// Overview problems: order, one entry per exposure key, remote watches without a port link.
import { describe, expect, test } from 'vitest';
import type { WatchView } from '../../../src-main/shared/contract.js';
import { buildProblems, countProblems } from '../../../src-renderer/lib/problems.js';
import { conflict, listener } from '../fakes.js';

const remoteDown: WatchView = {
  spec: {
    id: 'db',
    target: { host: 'db.internal', port: 5432 },
    expect: null,
    intervalMs: 5000,
    failuresToDown: 2,
    successesToUp: 1,
    label: null,
  },
  state: null,
};

describe('buildProblems', () => {
  test('conflicts, then down watches, then exposures', () => {
    const exposed = listener({
      localAddress: '0.0.0.0',
      localPort: 8080,
      exposure: 'all-interfaces',
    });
    const problems = buildProblems([conflict()], [remoteDown], [exposed]);
    expect(problems.map((p) => p.kind)).toEqual(['conflict', 'watch-down', 'exposed']);
    expect(problems[1]).toMatchObject({
      title: 'Watch down: db.internal:5432',
      message: 'Nothing answers there.',
      port: null,
    });
    expect(problems[2]).toMatchObject({ port: 8080, socket: exposed });
  });

  test('forked workers sharing one exposed listener make one problem; ids stay unique', () => {
    const a = listener({
      localAddress: '::',
      family: 6,
      localPort: 80,
      exposure: 'all-interfaces',
      pid: 1,
    });
    const b = { ...a, pid: 2 };
    const problems = buildProblems([conflict(), conflict()], [], [a, b]);
    expect(problems).toHaveLength(3);
    expect(new Set(problems.map((p) => p.id)).size).toBe(3);
    expect(problems[2]?.fix).toContain('::1');
  });

  test('a network-address listener says which address', () => {
    const s = listener({ localAddress: '192.168.1.20', localPort: 9000, exposure: 'network' });
    expect(buildProblems([], [], [s])[0]?.message).toContain('network address 192.168.1.20');
  });

  test('countProblems counts what buildProblems lists: each exposure key once, down watches too', () => {
    const a = listener({ localAddress: '0.0.0.0', localPort: 80, exposure: 'all-interfaces' });
    const fork = { ...a, pid: 2 };
    const other = { ...a, localPort: 443 };
    const cases: Parameters<typeof buildProblems>[] = [
      [[], [], []],
      [[conflict(), conflict()], [remoteDown], [a, fork, other]],
      [[], [remoteDown, { ...remoteDown, spec: { ...remoteDown.spec, id: 'x' } }], [fork]],
    ];
    for (const args of cases) expect(countProblems(...args)).toBe(buildProblems(...args).length);
    expect(countProblems([conflict()], [remoteDown], [a, fork])).toBe(3);
  });
});
