// The records every part of the core speaks in: sockets, snapshots, conflicts, watches, events.
import type { ContainerRef, EngineStatus, ForwardTarget } from './container.js';
import type { UnattributedCause, UnattributedCounts } from './unattributed.js';

export type Protocol = 'tcp' | 'udp';
export type Family = 4 | 6;

/** TCP states in the kernel's (and netstat's) spelling; `UNCONN` is a bound, unconnected UDP socket. */
export type SocketState =
  | 'LISTEN'
  | 'ESTABLISHED'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'TIME_WAIT'
  | 'CLOSE'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'CLOSING'
  | 'UNCONN'
  | 'UNKNOWN';

/** Every state a collector can name; `UNKNOWN` is only the fallback for a name it cannot read. */
export const SOCKET_STATES: readonly Exclude<SocketState, 'UNKNOWN'>[] = [
  'LISTEN',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'CLOSING',
  'UNCONN',
];

/** Where a listener can be reached from: this machine only, every interface, or one network address. */
export type Exposure = 'loopback' | 'all-interfaces' | 'network';

/** One socket, normalized the same way whichever source it came from. */
export interface PortSocket {
  protocol: Protocol;
  family: Family;
  /** Canonical text: `127.0.0.1`, `::1`, `0.0.0.0`, `::`; IPv4-mapped IPv6 is unwrapped to IPv4. */
  localAddress: string;
  localPort: number;
  /** null when the socket has no peer (listeners, unconnected UDP). */
  remoteAddress: string | null;
  remotePort: number | null;
  state: SocketState;
  pid: number | null;
  /** Short process name (`/proc/<pid>/comm` or the executable's base name). */
  process: string | null;
  /** Full command line, arguments joined by spaces. */
  command: string | null;
  user: string | null;
  /** Set for listeners (TCP LISTEN, bound UDP); null for connections. */
  exposure: Exposure | null;
  /** Kernel socket identity where known (Linux inode); lets rules tell one shared socket from two. */
  inode?: number | null;
  /** Every PID holding this socket (forked workers share one listening socket); `pid` is the lowest. */
  pids?: number[];
  /** Parent PID of `pid`, where the source knows it: tells SO_REUSEPORT workers of one parent from rivals. */
  parent?: number;
  /** The container whose published port this is (`domain/container.ts`); null or absent when none
   *  is known. Set on the forwarder's socket (docker-proxy, conmon, dockerd…) and on `published`
   *  entries. `--json` always shows it (null). */
  container?: ContainerRef | null;
  /** Where a forwarder process sends what it accepts, as its command line says; null or absent
   *  when it is not a forwarder or does not say. `--json` always shows it (null). */
  forwardsTo?: ForwardTarget | null;
  /** `engine`: no socket in the kernel's tables holds this port; the engine publishes it by
   *  DNAT (`dockerd --userland-proxy=false`, IPv6 beside an IPv4 holder…). pid and inode are null. */
  published?: 'engine';
  /** Why no process is named for it (`domain/unattributed.ts`), where the source can tell; absent
   *  for a socket with a process, or one no process holds by nature (TIME_WAIT). */
  unattributedCause?: UnattributedCause;
}

export interface Snapshot {
  /** Epoch milliseconds. */
  takenAt: number;
  sockets: PortSocket[];
  /** Sockets (inode known) the collector could not attribute to a process, in this read. */
  unattributed: number;
  /** The same per cause (`domain/unattributed.ts`), smoothed over the last reads: each cause's
   *  count is its minimum over the last 3 full reads, so the sum may be below `unattributed`.
   *  Absent from sources that cannot tell (all `unknown` then). */
  unattributedByCause?: UnattributedCounts;
  /** Which source produced it: `proc` (Linux kernel tables) or `systeminformation`. */
  source: string;
  /** Non-fatal problems met while collecting, in plain words. */
  warnings: string[];
  /** Container engines found and whether each answered (`domain/container.ts`); absent when
   *  container attribution is off. An unavailable engine never fails the snapshot. */
  engines?: EngineStatus[];
}

export interface SocketChange {
  before: PortSocket;
  after: PortSocket;
}

export interface SnapshotDiff {
  added: PortSocket[];
  removed: PortSocket[];
  changed: SocketChange[];
}

export type ConflictKind = 'shared-port' | 'shadowed' | 'unexpected-owner' | 'half-reachable';

export interface Conflict {
  kind: ConflictKind;
  protocol: Protocol;
  port: number;
  pids: number[];
  sockets: PortSocket[];
  /** One line for lists and titles: `3000 · node (PID 4121) · shadowed by python3 (PID 5120) on ::1`. */
  summary: string;
  /** Plain words: what is wrong and who is involved (the longer explanation). */
  message: string;
  /** One line: what to do about it. */
  fix: string;
  /** For `unexpected-owner`: the watch whose expectation is broken. */
  watchId?: string;
  /** A command to copy that fixes it for the process involved (domain/recognise.ts); absent when none fits. */
  command?: string;
  /** For `shared-port`: the holders are workers of one parent (SO_REUSEPORT on purpose): `info`, not a warning. */
  deliberate?: boolean;
}

/** "Who answers localhost:PORT": one entry per address tried. */
export interface Answer {
  address: string;
  family: Family;
  open: boolean;
  /** Connect latency in milliseconds (also set for refusals); null on timeout. */
  ms: number | null;
  /** PID listening there, when the snapshot knows it. */
  pid: number | null;
  /** Why the listener reached has no process named, when the snapshot says (`PortSocket`'s). */
  unattributedCause?: UnattributedCause;
  /** Why it is not open (`ECONNREFUSED`, `timeout`, ...); null when open. */
  error: string | null;
}

/** A port to watch: local (`host` null — checked against the snapshot and by probe) or remote `host:port`. */
export interface WatchTarget {
  host: string | null;
  port: number;
}

export interface WatchSpec {
  id: string;
  target: WatchTarget;
  /** Expected process name; another owner raises `owner-changed` and an `unexpected-owner` conflict. */
  expect: string | null;
  intervalMs: number;
  failuresToDown: number;
  successesToUp: number;
  label: string | null;
}

export type WatchStatus = 'unknown' | 'up' | 'down';
export type WatchEventKind = 'up' | 'down' | 'owner-changed' | 'flapping';

export interface WatchEvent {
  /** Epoch milliseconds. */
  at: number;
  watchId: string;
  /** The target as the user wrote it: `62893` or `db.local:5432`. */
  target: string;
  event: WatchEventKind;
  pid: number | null;
  process: string | null;
  /** Plain words, e.g. "node (PID 4121) stopped listening". */
  detail: string;
  /** True when snoozed or quiet after a flapping notice: record it, do not notify. */
  silenced: boolean;
  /** True when a watch's first event after a start repeats what history last recorded for it
   *  (still down, up under the same owner): shown, neither recorded again nor notified. */
  restated?: boolean;
  /** A `down` event's most useful finding, when the owner was known (domain/down-cause.ts). */
  cause?: DownCause;
}

/** Why a watched port went down (domain/down-cause.ts decides it). */
export interface DownCause {
  /** `exited`: the owner's process is gone. `stopped-listening`: it runs but holds the port
   *  nowhere. `moved`: it still listens on the port, only not where the check reaches (127.0.0.1
   *  → [::1]). `not-answering`: it listens where the check goes but the connection timed out. */
  kind: 'exited' | 'stopped-listening' | 'moved' | 'not-answering';
  /** One phrase, no full stop: `node (PID 4121) exited`. */
  text: string;
  /** What to do, one sentence. */
  fix: string;
}

/** One TCP connect attempt. */
export interface ProbeResult {
  address: string;
  family: Family;
  open: boolean;
  /** Milliseconds until connect or refusal; null on timeout or when the name did not resolve. */
  ms: number | null;
  /** `ECONNREFUSED`, `timeout`, `ENOTFOUND` or another error code; null when open. */
  error: string | null;
}

export interface WatchOwner {
  pid: number | null;
  process: string | null;
  /** The container behind the port, when its engine names it (the process is then its forwarder). */
  container?: ContainerRef | null;
}

export interface WatchState {
  status: WatchStatus;
  /** When status last changed (epoch ms). */
  since: number;
  /** Last known owner; kept while down so recovery and "stopped listening" can name it. */
  owner: WatchOwner | null;
  lastCheckedAt: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  /** Last 30 successful latencies, for a sparkline. */
  latencies: number[];
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** Recent transition times, for flapping. */
  transitions: number[];
  flapping: boolean;
  snoozedUntil: number | null;
  snoozeUntilUp: boolean;
  /** While down: why, when the check that took it down could tell (its down event's cause). */
  downCause?: DownCause | null;
}

/** Health of the monitor loop: `degraded` when the collector fails (it retries with back-off). */
export interface MonitorStatus {
  state: 'starting' | 'ok' | 'degraded' | 'stopped';
  reason: string | null;
  since: number;
  retryInMs: number | null;
  source: string;
}

/** Injected time source (epoch milliseconds), so state machines are testable without sleeping. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** True for sockets that accept new peers: TCP listeners and bound, unconnected UDP sockets. */
export function isListener(socket: PortSocket): boolean {
  return socket.state === 'LISTEN' || (socket.protocol === 'udp' && socket.remotePort === null);
}

/** Whether a socket belongs to this PID (forked workers share one listening socket). */
export function holdsPid(socket: PortSocket, pid: number): boolean {
  return socket.pid === pid || socket.pids?.includes(pid) === true;
}
