// The portable source over systeminformation (macOS, Windows, and Linux without a readable /proc).
import { CollectorError, describeError } from '../errors.js';
import type { Clock, Snapshot } from '../../domain/model.js';
import type { Collector } from './collector.js';
import { normalizeSiSnapshot, type SiConnection, type SiProcess } from './si-normalize.js';
import { missingTools } from '../platform/tool-path.js';

/** The two systeminformation calls used. Neither takes arguments: no user text ever reaches si. */
export interface SiApi {
  networkConnections(): Promise<SiConnection[]>;
  processes(): Promise<{ list: SiProcess[] }>;
}

export interface SiCollectorOptions {
  clock: Clock;
  platform?: string;
  env?: NodeJS.ProcessEnv;
  /** Default: the real systeminformation, loaded on first use (it is slow to load). */
  si?: SiApi;
  /** si runs netstat without a timeout; a hung tool must not hang the snapshot forever. */
  timeoutMs?: number;
}

const LINUX_UDP_NOTE =
  'UDP listeners are not visible through systeminformation on Linux (it drops unconnected UDP sockets).';

async function loadSystemInformation(): Promise<SiApi> {
  const si = (await import('systeminformation')).default;
  return {
    networkConnections: () => si.networkConnections(),
    processes: () => si.processes(),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class SiCollector implements Collector {
  readonly source = 'systeminformation' as const;
  private readonly platform: string;
  private si: SiApi | null;
  private toolsFound = false;

  constructor(private readonly options: SiCollectorOptions) {
    this.platform = options.platform ?? process.platform;
    this.si = options.si ?? null;
  }

  async snapshot(): Promise<Snapshot> {
    this.checkTools();
    const si = (this.si ??= await loadSystemInformation());
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    let connections: SiConnection[];
    try {
      connections = await withTimeout(
        si.networkConnections(),
        timeoutMs,
        'systeminformation networkConnections()',
      );
    } catch (error) {
      throw new CollectorError(
        `systeminformation could not list connections: ${describeError(error)}`,
        'failed',
        { cause: error },
      );
    }
    if (!Array.isArray(connections)) {
      throw new CollectorError('systeminformation returned no connection list.', 'failed');
    }
    const takenAt = this.options.clock();
    const warnings: string[] = [];
    let processes: SiProcess[] | null = null;
    // The process list costs a `ps` (or PowerShell) run: only fetch it when there are PIDs to name.
    if (connections.some((row) => row && row.pid !== null && Number(row.pid) > 0)) {
      try {
        processes = (await withTimeout(si.processes(), timeoutMs, 'systeminformation processes()'))
          .list;
      } catch (error) {
        warnings.push(`Process details unavailable: ${describeError(error)}`);
      }
    }
    const normalized = normalizeSiSnapshot(connections, processes, this.platform);
    if (normalized.sockets.length === 0 && normalized.dropped > 1) {
      throw new CollectorError(
        `systeminformation returned ${normalized.dropped} rows and none was a socket.`,
        'parse',
      );
    }
    if (this.platform === 'linux') warnings.push(LINUX_UDP_NOTE);
    return {
      takenAt,
      sockets: normalized.sockets,
      unattributed: normalized.unattributed,
      source: this.source,
      warnings,
    };
  }

  /** si silently returns [] when its tools are missing; say which ones instead. */
  private checkTools(): void {
    if (this.toolsFound) return;
    const missing = missingTools(this.platform, this.options.env ?? process.env);
    if (missing) {
      const names = missing.map((tool) => `'${tool}'`).join(' or ');
      throw new CollectorError(
        `${names} not found on PATH: systeminformation needs ${missing.length > 1 ? 'one of them' : 'it'} to list sockets on ${this.platform}.`,
        'missing-tool',
      );
    }
    this.toolsFound = true;
  }
}

export function createSiCollector(options: SiCollectorOptions): SiCollector {
  return new SiCollector(options);
}
