import { describe, expect, test } from 'vitest';
import { RecordedState } from '../../../../src-main/core/monitor/recorded-state.js';
import type { HistoryEntry } from '../../../../src-main/domain/history-entry.js';
import type { Conflict, WatchEvent } from '../../../../src-main/domain/model.js';

function conflictEntry(
  kind: 'conflict-appeared' | 'conflict-resolved',
  port: number,
): HistoryEntry {
  return {
    at: 1,
    kind,
    port,
    protocol: 'tcp',
    target: `tcp/${port}`,
    event: 'shadowed',
    pid: 10,
    process: 'node',
    detail: `shadowed on ${port}`,
  };
}

function watchEntry(event: string, process: string | null, target = '62893'): HistoryEntry {
  return {
    at: 1,
    kind: event === 'owner-changed' ? 'owner-changed' : 'watch',
    port: 62893,
    protocol: 'tcp',
    target,
    event,
    pid: process ? 7 : null,
    process,
    detail: `${target} ${event}`,
  };
}

const conflict = (port: number): Conflict =>
  ({
    kind: 'shadowed',
    protocol: 'tcp',
    port,
    pids: [10],
    sockets: [],
    message: 'm',
    fix: 'f',
  }) as unknown as Conflict;

const event = (kind: WatchEvent['event'], process: string | null): WatchEvent => ({
  at: 2,
  watchId: 'local:62893',
  target: '62893',
  event: kind,
  pid: null,
  process,
  detail: '',
  silenced: false,
});

describe('conflicts', () => {
  test('open ones are restatements; closed ones and new ones are news; resolved while off come back', () => {
    const state = new RecordedState([
      conflictEntry('conflict-appeared', 3000),
      conflictEntry('conflict-appeared', 3001),
      conflictEntry('conflict-appeared', 4000),
      conflictEntry('conflict-resolved', 4000),
    ]);
    expect(state.openConflicts).toBe(2);
    const { appeared, resolvedEarlier } = state.reconcileConflicts([
      conflict(3000),
      conflict(4000),
    ]);
    expect(appeared.map((c) => c.port)).toEqual([4000]);
    expect(resolvedEarlier.map((e) => e.port)).toEqual([3001]);
    // One-shot: a second call has nothing left to compare with.
    expect(state.reconcileConflicts([conflict(3000)]).appeared).toHaveLength(1);
  });
});

describe('watches', () => {
  test('down after down is restated, up after down is not', () => {
    const down = new RecordedState([watchEntry('up', 'node'), watchEntry('down', null)]);
    expect(down.restatedWatchEvents('62893', [event('down', null)])).toEqual([true]);
    const back = new RecordedState([watchEntry('down', null)]);
    expect(back.restatedWatchEvents('62893', [event('up', 'node')])).toEqual([false]);
  });

  test('up under the same owner is restated, under another owner it is news', () => {
    const state = new RecordedState([watchEntry('up', 'node')]);
    expect(state.restatedWatchEvents('62893', [event('up', 'python3')])).toEqual([false]);
    const same = new RecordedState([watchEntry('up', 'node')]);
    expect(same.restatedWatchEvents('62893', [event('up', 'node')])).toEqual([true]);
  });

  test('a wrong owner already recorded is restated; only the first events are weighed', () => {
    const state = new RecordedState([watchEntry('up', 'nc'), watchEntry('owner-changed', 'nc')]);
    expect(
      state.restatedWatchEvents('62893', [event('up', 'nc'), event('owner-changed', 'nc')]),
    ).toEqual([true, true]);
    expect(state.restatedWatchEvents('62893', [event('down', null)])).toEqual([false]);
  });

  test('nothing recorded for a target: everything is news', () => {
    const state = new RecordedState([watchEntry('down', null, 'db:5432')]);
    expect(state.restatedWatchEvents('62893', [event('down', null)])).toEqual([false]);
  });
});
