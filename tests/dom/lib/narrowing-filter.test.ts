// Filtering as the user types: narrowing reuses the last result and always equals a fresh filter.
import { describe, expect, test } from 'vitest';
import {
  conflictIndex,
  filterSockets,
  parseFilter,
  type FilterContext,
} from '../../../src-renderer/lib/filter.js';
import { NarrowingFilter, narrows } from '../../../src-renderer/lib/narrowing-filter.js';
import { conflict, connection, listener } from '../fakes.js';

const names = ['node', 'redis-server', 'postgres', 'nginx', 'Redis', 'python3'];
const sockets = Array.from({ length: 60 }, (_, i) =>
  i % 7 === 0
    ? connection({ localPort: 50_000 + i, remotePort: 6379, process: names[i % names.length]! })
    : listener({
        localPort: 3000 + (i % 20),
        protocol: i % 5 === 0 ? 'udp' : 'tcp',
        process: names[i % names.length]!,
        command: `${names[(i + 1) % names.length]!} --port ${3000 + i}`,
        user: i % 3 === 0 ? 'postgres' : 'dev',
        pid: 100 + i,
      }),
);
const context: FilterContext = { conflicts: conflictIndex([conflict({ port: 3004 })]) };
const terms = (text: string) => parseFilter(text).terms;

describe('narrows', () => {
  test('longer text and added terms narrow; anything else does not', () => {
    expect(narrows(terms('redis'), terms('red'))).toBe(true);
    expect(narrows(terms('red tcp'), terms('red'))).toBe(true);
    expect(narrows(terms('red'), terms(''))).toBe(true);
    expect(narrows(terms('re'), terms('red'))).toBe(false);
    expect(narrows(terms('-redis'), terms('-red'))).toBe(false);
    expect(narrows(terms('3001'), terms('300'))).toBe(false);
    expect(narrows(terms(':3001'), terms(':300'))).toBe(false);
    expect(narrows(terms('user:postgres'), terms('user:post'))).toBe(false);
  });
});

describe('NarrowingFilter', () => {
  test('every step of typing, deleting and editing equals a fresh filter', () => {
    const filter = new NarrowingFilter();
    const steps = [
      ...['r', 're', 'red', 'redi', 'redis', 'redis ', 'redis t', 'redis tc', 'redis tcp'],
      ...['redis tc', 'redis', 'red', '', 'p', 'po', 'pos', '-pos', '-post', 'udp -post'],
      ...['udp -post conflict', 'conflict', '3004', '300', ':3004', 'pid 110', 'pid 11', 'node'],
      ...['node listen', 'node listen -udp', 'NODE', 'connection', 'connection 6379', ''],
    ];
    for (const text of steps) {
      const fresh = filterSockets(sockets, terms(text), context);
      expect(filter.apply(sockets, terms(text), context), text).toEqual(fresh);
    }
  });

  test('a new list or a new context is filtered afresh', () => {
    const filter = new NarrowingFilter();
    expect(filter.apply(sockets, terms('conflict'), context)).toHaveLength(
      filterSockets(sockets, terms('conflict'), context).length,
    );
    const other: FilterContext = { conflicts: conflictIndex([conflict({ port: 3005 })]) };
    expect(filter.apply(sockets, terms('conflict node'), other)).toEqual(
      filterSockets(sockets, terms('conflict node'), other),
    );
    const fewer = sockets.slice(10);
    expect(filter.apply(fewer, terms('conflict node x'), other)).toEqual(
      filterSockets(fewer, terms('conflict node x'), other),
    );
  });

  test('a step that drops nothing gives back the same list', () => {
    const filter = new NarrowingFilter();
    expect(filter.apply(sockets, [], context)).toBe(sockets);
    const redi = filter.apply(sockets, terms('redi'), context);
    expect(redi.length).toBeGreaterThan(0);
    // Every "redi" here is part of a "redis": the same rows, so the same list.
    expect(filter.apply(sockets, terms('redis'), context)).toBe(redi);
    expect(filter.apply(sockets, terms('redis '), context)).toBe(redi);
    const all = [listener({ process: 'redis' }), listener({ localPort: 2, process: 'predis' })];
    expect(new NarrowingFilter().apply(all, terms('red'), context)).toBe(all);
  });
});
