// Builders for PortholeState and its parts, so shell tests say only what matters to them.
import type {
  Conflict,
  PortSocket,
  WatchEvent,
  WatchSpec,
  WatchState,
} from '../../../src-main/domain/model.js';
import type { PortholeState, WatchView } from '../../../src-main/shared/contract.js';

export const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);

export function listener(port: number, overrides: Partial<PortSocket> = {}): PortSocket {
  return {
    protocol: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: port,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    pid: 4121,
    process: 'node',
    command: 'node server.js',
    user: 'dev',
    exposure: 'loopback',
    ...overrides,
  };
}

export function exposedListener(port: number, overrides: Partial<PortSocket> = {}): PortSocket {
  return listener(port, { localAddress: '0.0.0.0', exposure: 'all-interfaces', ...overrides });
}

export function conflict(port: number, overrides: Partial<Conflict> = {}): Conflict {
  return {
    kind: 'shared-port',
    protocol: 'tcp',
    port,
    pids: [4121, 5000],
    sockets: [],
    summary: `${port} · shared by node (PID 4121) and node (PID 5000) on 127.0.0.1`,
    message: `2 separate processes listen on port ${port} at the same time.`,
    fix: 'Stop the one that should not be there (kill 5000), or give each its own port.',
    ...overrides,
  };
}

export function watchState(
  status: WatchState['status'],
  since: number,
  overrides: Partial<WatchState> = {},
): WatchState {
  return {
    status,
    since,
    owner: { pid: 4121, process: 'node' },
    lastCheckedAt: since,
    lastLatencyMs: status === 'up' ? 0.4 : null,
    lastError: status === 'down' ? 'ECONNREFUSED' : null,
    latencies: [],
    consecutiveFailures: status === 'down' ? 2 : 0,
    consecutiveSuccesses: status === 'up' ? 1 : 0,
    transitions: [],
    flapping: false,
    snoozedUntil: null,
    snoozeUntilUp: false,
    ...overrides,
  };
}

export function watch(
  port: number,
  state: WatchState | null,
  spec: Partial<WatchSpec> = {},
): WatchView {
  return {
    spec: {
      id: `w-${port}`,
      target: { host: null, port },
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

export function watchEvent(
  port: number,
  event: WatchEvent['event'],
  overrides: Partial<WatchEvent> = {},
): WatchEvent {
  return {
    at: T0,
    watchId: `w-${port}`,
    target: String(port),
    event,
    pid: 4121,
    process: 'node',
    detail: `${port} went down (node, PID 4121 stopped listening)`,
    silenced: false,
    ...overrides,
  };
}

export function state(overrides: Partial<PortholeState> = {}): PortholeState {
  return {
    snapshot: {
      takenAt: T0,
      sockets: [listener(3000), listener(5432), listener(3000, { family: 6, localAddress: '::1' })],
      unattributed: 0,
      source: 'proc',
      warnings: [],
    },
    conflicts: [],
    status: { state: 'ok', reason: null, since: T0, retryInMs: null, source: 'proc' },
    watches: [],
    notificationsSnoozedUntil: null,
    acknowledgedExposures: [],
    settingsWarnings: [],
    capabilities: { kill: true, platform: 'linux', transport: 'ipc' },
    ...overrides,
  };
}
