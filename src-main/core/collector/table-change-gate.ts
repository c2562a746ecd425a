// Tells cheaply whether the socket tables may have changed since the last full read, from the
// kernel's socket counters, so a steady tick can skip re-reading /proc/net/{tcp,udp}{,6}.
import type { Clock } from '../../domain/model.js';
import type { ProcFs } from '../platform/proc-fs.js';

/** Reading a table walks the kernel's whole connection hash (~7 ms even when nearly empty);
 *  the counters below cost ~0.1 ms. A change that keeps every counter equal (one listener closed
 *  and another opened between two ticks) is caught by the forced re-read after `maxStaleMs`. */
export const DEFAULT_MAX_STALE_MS = 10_000;

export class TableChangeGate {
  #lastSignature: string | null = null;
  #lastReadAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly fs: ProcFs,
    private readonly root: string,
    private readonly clock: Clock,
    private readonly maxStaleMs = DEFAULT_MAX_STALE_MS,
  ) {}

  /** The counters' current text, or null where the kernel does not offer them. */
  signature(): string | null {
    try {
      const sockstat = this.fs.readTextSync(`${this.root}/net/sockstat`);
      let sockstat6 = '';
      try {
        sockstat6 = this.fs.readTextSync(`${this.root}/net/sockstat6`);
      } catch {
        // IPv6 disabled: nothing to count there.
      }
      const snmp = this.fs.readTextSync(`${this.root}/net/snmp`);
      return `${countersOnly(sockstat)}|${countersOnly(sockstat6)}|${tcpOpenCounters(snmp)}`;
    } catch {
      return null;
    }
  }

  /** True when the tables must be read again; `signature` is what signature() returned now. */
  mustRead(signature: string | null, ownersAlive: () => boolean): boolean {
    if (signature === null || signature !== this.#lastSignature) return true;
    if (this.clock() - this.#lastReadAt >= this.maxStaleMs) return true;
    return !ownersAlive();
  }

  recordRead(signature: string | null): void {
    this.#lastSignature = signature;
    this.#lastReadAt = this.clock();
  }

  /** Forget the last read, so the next snapshot reads everything. */
  invalidate(): void {
    this.#lastSignature = null;
  }
}

/** Socket counts without the `mem` fields, which move with traffic, not with sockets. */
function countersOnly(text: string): string {
  return text
    .replace(/\s(?:mem|memory)\s+\d+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** TCP ActiveOpens, PassiveOpens, AttemptFails, EstabResets and CurrEstab from /proc/net/snmp:
 *  every connect, accept and state change out of ESTABLISHED moves one of them. */
function tcpOpenCounters(snmp: string): string {
  const lines = snmp.split('\n').filter((line) => line.startsWith('Tcp:'));
  const [header, values] = lines.map((line) => line.trim().split(/\s+/));
  if (!header || !values) return '';
  const wanted = ['ActiveOpens', 'PassiveOpens', 'AttemptFails', 'EstabResets', 'CurrEstab'];
  return wanted.map((name) => values[header.indexOf(name)] ?? '').join(',');
}
