// Shell-test doubles: a PortholeApi of vi.fn()s whose onEvent can be fed, record builders, a loaded store.
import { portSocket } from '../helpers/port-socket.js';
import { vi, type Mock } from 'vitest';
import type { PortholeApi } from '../../src-main/shared/api.js';
import type {
  ExplanationView,
  PortholeEvent,
  PortholeState,
} from '../../src-main/shared/contract.js';
import type { Conflict, PortSocket } from '../../src-main/domain/index.js';
import { PortholeStore, type StoreOptions } from '../../src-renderer/lib/store.svelte.js';

export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

/** Every API method as a mock, declared as properties so assertions can take them unbound. */
export type MockedApi = { [K in keyof PortholeApi]: Mock<PortholeApi[K]> };

export interface FakeApi extends MockedApi {
  /** Pushes an event to every subscriber, as the transport would. */
  emit(event: PortholeEvent): void;
  subscribers(): number;
}

/** One fake for every component test; `state` is what getState answers (each suite has its own clock). */
export function fakeApi(state: PortholeState = makeState()): FakeApi {
  const listeners = new Set<(event: PortholeEvent) => void>();
  return {
    getState: vi.fn(() => Promise.resolve(state)),
    onEvent: vi.fn((listener: (event: PortholeEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    addWatch: vi.fn(),
    updateWatch: vi.fn(),
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
    explain: vi.fn((text: string) =>
      Promise.resolve<ExplanationView>({
        input: text,
        target: { host: null, port: 3000, protocol: 'tcp' },
        situation: 'reachability',
        verdict: 'Something is listening on port 3000.',
        findings: [],
      }),
    ),
    stopContainer: vi.fn(() => Promise.resolve({ ok: true, message: 'container stopped' })),
    getSettings: vi.fn(() => Promise.reject(new Error('no settings in this test'))),
    updateSettings: vi.fn(() => Promise.reject(new Error('no settings in this test'))),
    acknowledgeExposure: vi.fn((key: string) => Promise.resolve([key])),
    unacknowledgeExposure: vi.fn((_key: string) => Promise.resolve([] as string[])),
    openExternal: vi.fn(() => Promise.resolve(true)),
    emit: (event: PortholeEvent) => {
      for (const listener of [...listeners]) listener(event);
    },
    subscribers: () => listeners.size,
  };
}

export function makeState(over: Partial<PortholeState> = {}, now = NOW): PortholeState {
  return {
    snapshot: { takenAt: now, sockets: [], unattributed: 0, source: 'proc', warnings: [] },
    conflicts: [],
    status: { state: 'ok', reason: null, since: now, retryInMs: null, source: 'proc' },
    watches: [],
    notificationsSnoozedUntil: null,
    acknowledgedExposures: [],
    settingsWarnings: [],
    capabilities: { kill: true, platform: 'linux', transport: 'ipc' },
    ...over,
  };
}

/** A real store loaded with two listeners (3000 and 4000), as a pushed `state` event loads it. */
export function loadedStore(options: StoreOptions = {}): { api: FakeApi; store: PortholeStore } {
  const api = fakeApi();
  const store = new PortholeStore(api, () => NOW, options);
  store.handle({
    type: 'state',
    state: makeState({
      snapshot: {
        takenAt: NOW,
        sockets: [listener({ inode: 1 }), listener({ localPort: 4000, inode: 2 })],
        unattributed: 0,
        source: 'proc',
        warnings: [],
      },
    }),
  });
  return { api, store };
}

export function listener(over: Partial<PortSocket> = {}): PortSocket {
  return portSocket(over);
}

export function connection(over: Partial<PortSocket> = {}): PortSocket {
  return listener({
    localPort: 51000,
    remoteAddress: '127.0.0.1',
    remotePort: 5432,
    state: 'ESTABLISHED',
    exposure: null,
    command: 'node client.js',
    ...over,
  });
}

export function conflict(over: Partial<Conflict> = {}): Conflict {
  return {
    kind: 'shadowed',
    protocol: 'tcp',
    port: 3000,
    pids: [4121, 4200],
    sockets: [],
    summary: `${over.port ?? 3000} · node (PID 4121) on 127.0.0.1 · shadowed by python3 (PID 4200) on ::1`,
    message: 'node (PID 4121) on 127.0.0.1 hides python3 (PID 4200) on ::1',
    fix: 'Stop one of them or move it to another port',
    ...over,
  };
}

/** `n` distinct listeners on consecutive ports (a big machine). */
export function manyListeners(n: number, first = 10_000): PortSocket[] {
  return Array.from({ length: n }, (_, i) =>
    listener({ localPort: first + i, pid: 1000 + i, process: `svc${i}`, inode: 500_000 + i }),
  );
}
