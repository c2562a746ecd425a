// Turns what systeminformation reports (netstat, ss, lsof/netstat or Windows netstat, each with its
// own spelling) into the model's sockets, filling names from its process list.
import { isWildcard, parsePortNumber } from '../../domain/endpoint.js';
import { normalizeAddress } from '../platform/address.js';
import { classifyExposure } from '../../domain/exposure.js';
import {
  isListener,
  type Family,
  type PortSocket,
  type Protocol,
  SOCKET_STATES,
  type SocketState,
} from '../../domain/model.js';
import { sortSockets } from '../../domain/socket-order.js';

/** One row of `si.networkConnections()` (ports are strings; pid may be null, 0 or NaN). */
export interface SiConnection {
  protocol: string;
  localAddress: string;
  localPort: string | number;
  peerAddress: string;
  peerPort: string | number;
  state: string;
  pid: number | string | null;
  process: string;
}

/** The fields used from one entry of `si.processes().list`. */
export interface SiProcess {
  pid: number;
  name: string;
  command: string;
  params?: string;
  path?: string | null;
  user?: string;
}

const STATES = new Set<SocketState>(SOCKET_STATES);

// Other tools' spellings, after upper-casing and turning `-` into `_` (ss: SYN-SENT, FIN-WAIT-1).
const STATE_ALIASES: Record<string, SocketState> = {
  LISTENING: 'LISTEN',
  ESTAB: 'ESTABLISHED',
  SYN_RECEIVED: 'SYN_RECV',
  FIN_WAIT_1: 'FIN_WAIT1',
  FIN_WAIT_2: 'FIN_WAIT2',
  CLOSED: 'CLOSE',
};

/** States of sockets no process holds any more; a missing PID there is expected, not hidden. */
const OWNERLESS: ReadonlySet<SocketState> = new Set([
  'TIME_WAIT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSING',
  'LAST_ACK',
  'CLOSE',
]);

function parseProtocol(raw: string): { protocol: Protocol; family: Family | null } | null {
  const m = /^(tcp|udp)(4|6|46)?$/i.exec(raw.trim());
  if (!m?.[1]) return null;
  const protocol = m[1].toLowerCase() as Protocol;
  // macOS `tcp46` is a dual-stack socket: an IPv6 socket that also takes IPv4.
  const family: Family | null = m[2] === '4' ? 4 : m[2] ? 6 : null;
  return { protocol, family };
}

function normalizeState(raw: string, protocol: Protocol, hasPeer: boolean): SocketState {
  const key = raw.trim().toUpperCase().replace(/-/g, '_');
  let state: SocketState = STATES.has(key as SocketState)
    ? (key as SocketState)
    : (STATE_ALIASES[key] ?? 'UNKNOWN');
  if (protocol === 'udp') {
    // UDP has no real states: si gives '', UNKNOWN or ss's UNCONN/ESTAB.
    if (!hasPeer) return 'UNCONN';
    if (state === 'UNKNOWN' || state === 'UNCONN' || state === 'LISTEN') state = 'ESTABLISHED';
    return state;
  }
  // A localized Windows state si does not translate: a TCP socket without a peer is listening.
  if (state === 'UNKNOWN' && !hasPeer) return 'LISTEN';
  return state;
}

function parsePid(raw: SiConnection['pid']): number | null {
  const pid = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  // Windows reports PID 0 (System Idle) for TIME_WAIT; no socket is really held by it.
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function nonEmpty(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

interface Owner {
  process: string | null;
  command: string | null;
  user: string | null;
}

/** Name, command line and user for a PID: the process list first, since netstat truncates names. */
function ownerOf(
  pid: number | null,
  fallbackName: string,
  processes: ReadonlyMap<number, SiProcess>,
  platform: string,
): Owner {
  if (pid === null) return { process: null, command: null, user: null };
  const entry = processes.get(pid);
  // netstat's `PID/Program` column: cut to fit, split at `/` and spaces (`.` for `./my server`, `bin` for `bin/x`).
  const guessed = nonEmpty(baseName(fallbackName));
  const fallback = guessed === '.' || guessed === '..' ? null : guessed;
  if (!entry) return { process: fallback, command: null, user: null };
  if (platform === 'win32') {
    // Windows: name is the image (`node.exe`), command the whole command line.
    return {
      process: nonEmpty(entry.name) ?? fallback,
      command: nonEmpty(entry.command) ?? nonEmpty(entry.path),
      user: nonEmpty(entry.user),
    };
  }
  // ps-based: `command` is the executable's base name (kept whole with spaces, unlike `name`),
  // `path` its directory, `params` the rest of the command line.
  const exe = nonEmpty(entry.command);
  const dir = nonEmpty(entry.path);
  const params = nonEmpty(entry.params);
  const fullExe = exe && dir ? `${dir}/${exe}` : exe;
  return {
    process: exe ?? nonEmpty(entry.name) ?? fallback,
    command: fullExe ? (params ? `${fullExe} ${params}` : fullExe) : null,
    user: nonEmpty(entry.user),
  };
}

/** One si row as a model socket; null for rows that are not sockets (e.g. a Windows header line). */
export function normalizeSiConnection(
  row: SiConnection,
  processes: ReadonlyMap<number, SiProcess>,
  platform: string,
): PortSocket | null {
  const proto = parseProtocol(String(row.protocol ?? ''));
  if (!proto) return null;
  const localText = String(row.localAddress ?? '');
  // ss prints `*` for a dual-stack IPv6 wildcard; netstat on Windows never uses `*` for a local address.
  const familyHint: Family =
    proto.family ?? (platform === 'linux' && localText.trim() === '*' ? 6 : 4);
  const local = normalizeAddress(localText, familyHint);
  const localPort = parsePortNumber(row.localPort);
  if (!local || localPort === null) return null;
  const peer = normalizeAddress(String(row.peerAddress ?? ''), local.family);
  const peerPort = parsePortNumber(row.peerPort);
  const hasPeer = peer !== null && peerPort !== null && peerPort !== 0 && !isWildcard(peer.address);
  const pid = parsePid(row.pid);
  const owner = ownerOf(pid, String(row.process ?? ''), processes, platform);
  const socket: PortSocket = {
    protocol: proto.protocol,
    family: local.family,
    localAddress: local.address,
    localPort,
    remoteAddress: hasPeer ? peer.address : null,
    remotePort: hasPeer ? peerPort : null,
    state: normalizeState(String(row.state ?? ''), proto.protocol, hasPeer),
    pid,
    process: owner.process,
    command: owner.command,
    user: owner.user,
    exposure: null,
    inode: null,
    pids: pid === null ? [] : [pid],
  };
  if (isListener(socket)) socket.exposure = classifyExposure(socket.localAddress);
  return socket;
}

export interface SiNormalized {
  sockets: PortSocket[];
  unattributed: number;
  /** Rows that were not sockets at all. */
  dropped: number;
}

/** Normalizes, drops exact duplicates, sorts, and counts sockets whose owner is unknown. */
export function normalizeSiSnapshot(
  connections: readonly SiConnection[],
  processes: readonly SiProcess[] | null,
  platform: string,
): SiNormalized {
  const byPid = new Map<number, SiProcess>();
  for (const entry of processes ?? [])
    if (typeof entry?.pid === 'number') byPid.set(entry.pid, entry);
  const seen = new Set<string>();
  const sockets: PortSocket[] = [];
  let dropped = 0;
  let unattributed = 0;
  for (const row of connections) {
    const socket =
      row && typeof row === 'object' ? normalizeSiConnection(row, byPid, platform) : null;
    if (!socket) {
      dropped += 1;
      continue;
    }
    const key = `${socket.protocol} ${socket.family} ${socket.localAddress} ${socket.localPort} ${socket.remoteAddress} ${socket.remotePort} ${socket.state} ${socket.pid}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (socket.pid === null && !OWNERLESS.has(socket.state)) unattributed += 1;
    sockets.push(socket);
  }
  return { sockets: sortSockets(sockets), unattributed, dropped };
}

/** The model's sockets for what si reported on `platform` (`process.platform` spelling). */
export function normalizeSiConnections(
  connections: readonly SiConnection[],
  processes: readonly SiProcess[] | null,
  platform: string,
): PortSocket[] {
  return normalizeSiSnapshot(connections, processes, platform).sockets;
}
