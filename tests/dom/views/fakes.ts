// Test doubles for the views: the shared fake PortholeApi, a real PortholeStore fed a state, record builders.
import type { PortholeApi } from '../../../src-main/shared/api.js';
import type { PortholeState, WatchView } from '../../../src-main/shared/contract.js';
import type {
  Answer,
  HistoryEntry,
  WatchSpec,
  WatchState,
} from '../../../src-main/domain/index.js';
import { historyEntry as sharedHistoryEntry } from '../../helpers/history-entry.js';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import { fakeApi as sharedFakeApi, makeState as sharedMakeState, type FakeApi } from '../fakes.js';

/** 2026-11-28 12:00:00 local time: every test sees the same "now". */
export const NOW = new Date(2026, 10, 28, 12, 0, 0).getTime();
export const clock = (): number => NOW;

export type { FakeApi } from '../fakes.js';
// The same socket and conflict records as the shell tests use.
export { conflict, listener as socket } from '../fakes.js';

/** The shared fake, answering with this suite's state and watch records. */
export function fakeApi(): FakeApi {
  const api = sharedFakeApi(makeState());
  api.addWatch.mockImplementation((input) => Promise.resolve(watchView({ id: input.target })));
  api.updateWatch.mockImplementation((id) => Promise.resolve(watchView({ id })));
  return api;
}

/** The shell tests' state, dated at this suite's local "now". */
export function makeState(over: Partial<PortholeState> = {}): PortholeState {
  return sharedMakeState(over, NOW);
}

/** The real store, loaded with `state` the way a pushed `state` event loads it. */
export function makeStore(api: PortholeApi, state: Partial<PortholeState> = {}): PortholeStore {
  const store = new PortholeStore(api, clock);
  store.handle({ type: 'state', state: makeState(state) });
  return store;
}

export function answer(over: Partial<Answer> = {}): Answer {
  return { address: '127.0.0.1', family: 4, open: true, ms: 0.3, pid: 4121, error: null, ...over };
}

export function watchState(over: Partial<WatchState> = {}): WatchState {
  return {
    status: 'up',
    since: NOW - 3 * 60_000,
    owner: { pid: 4121, process: 'node' },
    lastCheckedAt: NOW - 1000,
    lastLatencyMs: 0.4,
    lastError: null,
    latencies: [0.3, 0.5, 0.4],
    consecutiveFailures: 0,
    consecutiveSuccesses: 3,
    transitions: [],
    flapping: false,
    snoozedUntil: null,
    snoozeUntilUp: false,
    ...over,
  };
}

export function watchView(
  spec: Partial<WatchSpec> = {},
  state: WatchState | null = watchState(),
): WatchView {
  return {
    spec: {
      id: '3000',
      target: { host: null, port: 3000 },
      expect: null,
      intervalMs: 5000,
      failuresToDown: 2,
      successesToUp: 1,
      label: null,
      ...spec,
    },
    state,
  };
}

export function historyEntry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return sharedHistoryEntry({ at: NOW - 60_000, ...over });
}
