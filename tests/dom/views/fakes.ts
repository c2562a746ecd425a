// Test doubles for the views: a PortholeApi of vi.fn()s, a real PortholeStore fed a state, record builders.
import { vi, type Mock } from 'vitest';
import type { PortholeApi } from '../../../src-main/shared/api.js';
import type { PortholeState, WatchView } from '../../../src-main/shared/contract.js';
import type {
  Answer,
  Conflict,
  HistoryEntry,
  PortSocket,
  WatchSpec,
  WatchState,
} from '../../../src-main/shared/snapshot.js';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';

/** 2026-11-28 12:00:00 local time: every test sees the same "now". */
export const NOW = new Date(2026, 10, 28, 12, 0, 0).getTime();
export const clock = (): number => NOW;

/** Each method a vi.fn(); a mapped type, so `expect(api.addWatch)` is a property, not an unbound method. */
export type FakeApi = { [K in keyof PortholeApi]: Mock<PortholeApi[K]> };

export function fakeApi(): FakeApi {
  return {
    getState: vi.fn(() => Promise.resolve(makeState())),
    onEvent: vi.fn(() => () => {}),
    addWatch: vi.fn((input) => Promise.resolve(watchView({ id: input.target }))),
    updateWatch: vi.fn((id: string) => Promise.resolve(watchView({ id }))),
    removeWatch: vi.fn(() => Promise.resolve(true)),
    snoozeWatch: vi.fn(() => Promise.resolve([])),
    snoozeNotifications: vi.fn(() => Promise.resolve(null)),
    whoIsOn: vi.fn((port: number) =>
      Promise.resolve({ port, sockets: [], conflicts: [], answers: [] }),
    ),
    probe: vi.fn(() =>
      Promise.resolve({
        address: '127.0.0.1',
        family: 4 as const,
        open: true,
        ms: 0.2,
        error: null,
      }),
    ),
    freePorts: vi.fn(() => Promise.resolve([])),
    queryHistory: vi.fn(() => Promise.resolve([])),
    exportHistory: vi.fn((format: 'csv' | 'json') =>
      Promise.resolve({
        filename: `porthole-history.${format}`,
        mime: format === 'csv' ? ('text/csv' as const) : ('application/json' as const),
        content: format === 'csv' ? 'at,kind\n' : '[]',
      }),
    ),
    inspectProcess: vi.fn((pid: number) =>
      Promise.resolve({
        pid,
        process: 'node',
        command: 'node server.js',
        user: 'dev',
        startToken: 'tok',
        killable: true,
        reason: null,
      }),
    ),
    killProcess: vi.fn(() =>
      Promise.resolve({ ok: true, signal: 'SIGTERM' as const, message: 'stopped' }),
    ),
    getSettings: vi.fn(() => Promise.reject(new Error('not in these tests'))),
    updateSettings: vi.fn(() => Promise.reject(new Error('not in these tests'))),
    acknowledgeExposure: vi.fn(() => Promise.resolve([])),
    openExternal: vi.fn(() => Promise.resolve(true)),
  };
}

export function makeState(over: Partial<PortholeState> = {}): PortholeState {
  return {
    snapshot: { takenAt: NOW, sockets: [], unattributed: 0, source: 'proc', warnings: [] },
    conflicts: [],
    status: { state: 'ok', reason: null, since: NOW, retryInMs: null, source: 'proc' },
    watches: [],
    notificationsSnoozedUntil: null,
    acknowledgedExposures: [],
    settingsWarnings: [],
    capabilities: { kill: true, platform: 'linux', transport: 'ipc' },
    ...over,
  };
}

/** The real store, loaded with `state` the way a pushed `state` event loads it. */
export function makeStore(api: PortholeApi, state: Partial<PortholeState> = {}): PortholeStore {
  const store = new PortholeStore(api, clock);
  store.handle({ type: 'state', state: makeState(state) });
  return store;
}

export function socket(over: Partial<PortSocket> = {}): PortSocket {
  return {
    protocol: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 3000,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    pid: 4121,
    process: 'node',
    command: 'node server.js --port 3000',
    user: 'dev',
    exposure: 'loopback',
    ...over,
  };
}

export function answer(over: Partial<Answer> = {}): Answer {
  return { address: '127.0.0.1', family: 4, open: true, ms: 0.3, pid: 4121, error: null, ...over };
}

export function conflict(over: Partial<Conflict> = {}): Conflict {
  return {
    kind: 'shadowed',
    protocol: 'tcp',
    port: 3000,
    pids: [4121, 4200],
    sockets: [],
    message: 'node (PID 4121) on 127.0.0.1 hides python3 (PID 4200) on ::1',
    fix: 'Stop one of them or move it to another port',
    ...over,
  };
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
  return {
    at: NOW - 60_000,
    kind: 'watch',
    port: 3000,
    protocol: 'tcp',
    target: '3000',
    event: 'down',
    pid: 4121,
    process: 'node',
    detail: 'node (PID 4121) stopped listening',
    ...over,
  };
}
