// The stable JSON shapes of the CLI's `--json` and the MCP server's answers: explicit picks, so internal fields (inode, pids) never leak out.
import type { ContainerRef, EngineStatus, ForwardTarget } from '../../domain/container.js';
import { unattributedCounts, type UnattributedCause } from '../../domain/unattributed.js';
import type {
  Answer,
  Conflict,
  PortSocket,
  ProbeResult,
  Snapshot,
  WatchEvent,
} from '../../domain/model.js';
import { conflictSeverity, type Severity } from '../../domain/severity.js';

export interface SocketJson {
  protocol: PortSocket['protocol'];
  family: PortSocket['family'];
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  state: PortSocket['state'];
  pid: number | null;
  process: string | null;
  command: string | null;
  user: string | null;
  exposure: PortSocket['exposure'];
  /** The container whose published port this is; null when none is known. */
  container: ContainerRef | null;
  /** Where a forwarder sends what it accepts (its command line); null when not known. */
  forwardsTo: ForwardTarget | null;
  /** `engine`: the engine publishes the port by NAT and no process holds it; null otherwise. */
  published: 'engine' | null;
  /** Why no process is named (`other-user`, `refused`, `kernel`, `gone`, `unknown`); null when one
   *  is, when the source cannot tell, or when no process holds it by nature (TIME_WAIT). */
  unattributedCause: UnattributedCause | null;
}

export interface ConflictJson {
  kind: Conflict['kind'];
  protocol: Conflict['protocol'];
  port: number;
  pids: number[];
  sockets: SocketJson[];
  /** error | warning | hint | info (domain/severity.ts). */
  severity: Severity;
  summary: string;
  message: string;
  fix: string;
  /** A command to copy for the process involved; null when none is known. */
  command: string | null;
}

export interface AnswerJson {
  address: string;
  family: Answer['family'];
  open: boolean;
  ms: number | null;
  pid: number | null;
  error: string | null;
}

export interface WatchEventJson {
  at: string;
  target: string;
  event: WatchEvent['event'];
  pid: number | null;
  process: string | null;
  detail: string;
}

export function socketJson(s: PortSocket): SocketJson {
  return {
    protocol: s.protocol,
    family: s.family,
    localAddress: s.localAddress,
    localPort: s.localPort,
    remoteAddress: s.remoteAddress,
    remotePort: s.remotePort,
    state: s.state,
    pid: s.pid,
    process: s.process,
    command: s.command,
    user: s.user,
    exposure: s.exposure,
    container: s.container ? containerJson(s.container) : null,
    forwardsTo: s.forwardsTo ? { address: s.forwardsTo.address, port: s.forwardsTo.port } : null,
    published: s.published === 'engine' ? 'engine' : null,
    unattributedCause: s.unattributedCause ?? null,
  };
}

/** Explicit picks, in the documented order. */
function containerJson(c: ContainerRef): ContainerRef {
  return {
    engine: c.engine,
    id: c.id,
    name: c.name,
    image: c.image,
    containerPort: c.containerPort,
    protocol: c.protocol,
    project: c.project,
    service: c.service,
  };
}

function engineJson(e: EngineStatus): EngineStatus {
  return {
    id: e.id,
    kind: e.kind,
    endpoint: e.endpoint,
    state: e.state,
    reason: e.reason,
    containers: e.containers,
  };
}

export function conflictJson(c: Conflict): ConflictJson {
  return {
    kind: c.kind,
    protocol: c.protocol,
    port: c.port,
    pids: [...c.pids],
    sockets: c.sockets.map(socketJson),
    severity: conflictSeverity(c),
    summary: c.summary,
    message: c.message,
    fix: c.fix,
    command: c.command ?? null,
  };
}

export function answerJson(a: Answer): AnswerJson {
  return {
    address: a.address,
    family: a.family,
    open: a.open,
    ms: a.ms,
    pid: a.pid,
    error: a.error,
  };
}

/** `probe --json`: {address, family, open, ms, error}. */
export function probeJson(
  r: ProbeResult,
): Pick<ProbeResult, 'address' | 'family' | 'open' | 'ms' | 'error'> {
  return { address: r.address, family: r.family, open: r.open, ms: r.ms, error: r.error };
}

/** ISO 8601 in UTC, as every `--json` time reads. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function watchEventJson(e: WatchEvent): WatchEventJson {
  return {
    at: isoTime(e.at),
    target: e.target,
    event: e.event,
    pid: e.pid,
    process: e.process,
    detail: e.detail,
  };
}

export function listJson(
  snapshot: Snapshot,
  sockets: PortSocket[],
  conflicts: Conflict[],
  unattributed: { shown: number; hidden: number },
) {
  return {
    takenAt: isoTime(snapshot.takenAt),
    sockets: sockets.map(socketJson),
    conflicts: conflicts.map(conflictJson),
    /** Among `sockets`, so it matches the rows. */
    unattributed: unattributed.shown,
    /** How many more unattributed sockets `--all` would list (added; 0 with --all). */
    unattributedHidden: unattributed.hidden,
    /** Every unattributed socket (shown or not) by cause; see domain/unattributed.ts. */
    unattributedByCause: unattributedCounts(snapshot),
    /** Container engines found and whether each answered; [] when attribution is off. */
    engines: (snapshot.engines ?? []).map(engineJson),
  };
}
