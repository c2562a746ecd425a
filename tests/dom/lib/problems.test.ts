// Overview problems: order, one entry per exposed port, remote watches without a port link.
import { describe, expect, test } from 'vitest';
import type { WatchView } from '../../../src-main/shared/contract.js';
import { countProblems, type PortSocket } from '../../../src-main/domain/index.js';
import { buildProblems } from '../../../src-main/domain/problem-list.js';
import { conflict, listener } from '../fakes.js';
import { watchState, watchView } from '../views/fakes.js';

const remoteDown: WatchView = watchView(
  { id: 'db', target: { host: 'db.internal', port: 5432 } },
  watchState({ status: 'down', owner: null }),
);

function source(
  conflicts: ReturnType<typeof conflict>[],
  watches: WatchView[],
  sockets: PortSocket[],
  acknowledgedExposures: string[] = [],
) {
  return { conflicts, watches, sockets, acknowledgedExposures };
}

describe('buildProblems', () => {
  test('most urgent first: down watches, then conflicts, then exposures', () => {
    const exposed = listener({
      localAddress: '0.0.0.0',
      localPort: 8080,
      exposure: 'all-interfaces',
    });
    const problems = buildProblems(source([conflict()], [remoteDown], [exposed]));
    expect(problems.map((p) => [p.kind, p.severity])).toEqual([
      ['watch-down', 'error'],
      ['shadowed', 'warning'],
      ['exposed', 'warning'],
    ]);
    expect(problems[0]).toMatchObject({
      title: 'db.internal:5432 · down',
      message: 'Nothing answers there.',
      port: null,
    });
    expect(problems[2]).toMatchObject({ port: 8080, sockets: [exposed] });
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
    const problems = buildProblems(source([conflict(), conflict()], [], [a, b]));
    expect(problems).toHaveLength(3);
    expect(new Set(problems.map((p) => p.id)).size).toBe(3);
    expect(problems[2]?.fix).toContain('::1');
    // One acknowledgement key: acknowledged once.
    expect(problems[2]?.sockets).toEqual([a]);
  });

  test('one port on 0.0.0.0 and :: is one problem that acknowledges both listeners', () => {
    const v4 = listener({ localAddress: '0.0.0.0', localPort: 5432, exposure: 'all-interfaces' });
    const v6 = { ...v4, localAddress: '::', family: 6 as const };
    const problems = buildProblems(source([], [], [v4, v6]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ id: 'exposed:tcp:5432', sockets: [v4, v6] });
    // Acknowledged on one binding only: the other still makes the port a problem.
    expect(buildProblems(source([], [], [v4, v6], ['tcp:0.0.0.0:5432']))[0]?.sockets).toEqual([v6]);
  });

  test('a network-address listener says which address', () => {
    const s = listener({ localAddress: '192.168.1.20', localPort: 9000, exposure: 'network' });
    expect(buildProblems(source([], [], [s]))[0]?.message).toContain(
      'network address 192.168.1.20',
    );
  });

  test('a down watch names its last owner', () => {
    const held = {
      ...remoteDown,
      state: { ...remoteDown.state!, owner: { pid: 7, process: 'pg' } },
    };
    expect(buildProblems(source([], [held], []))[0]?.message).toBe('Last held by pg (PID 7).');
  });

  test("a down watch whose check could tell why leads with that cause, and its fix is the cause's", () => {
    const cause = {
      kind: 'exited' as const,
      text: 'pg (PID 7) exited',
      fix: 'Start it again.',
    };
    const held = {
      ...remoteDown,
      state: { ...remoteDown.state!, owner: { pid: 7, process: 'pg' }, downCause: cause },
    };
    const [problem] = buildProblems(source([], [held], []));
    expect(problem?.title).toMatch(/ · down · pg \(PID 7\) exited$/);
    expect(problem?.message).toBe('pg (PID 7) exited.');
    expect(problem?.fix).toBe('Start it again.');
  });

  test('countProblems counts what buildProblems lists: each exposed port once, down watches too', () => {
    const a = listener({ localAddress: '0.0.0.0', localPort: 80, exposure: 'all-interfaces' });
    const fork = { ...a, pid: 2 };
    const other = { ...a, localPort: 443 };
    const up: WatchView = { ...remoteDown, spec: { ...remoteDown.spec, id: 'up' }, state: null };
    const cases = [
      source([], [], []),
      source([conflict(), conflict()], [remoteDown, up], [a, fork, other]),
      source([], [remoteDown, { ...remoteDown, spec: { ...remoteDown.spec, id: 'x' } }], [fork]),
      source([], [], [a, other], ['tcp:0.0.0.0:80']),
    ];
    for (const input of cases) expect(countProblems(input)).toBe(buildProblems(input).length);
    expect(countProblems(source([conflict()], [remoteDown], [a, fork]))).toBe(3);
  });
});
