// Pure text helpers for the window: relative times, counts and exposure badges.
import type { Exposure, PortSocket } from '../../src-main/domain/index.js';

// Intl's first use in a window loads ICU data: 15-35 ms measured in a fresh Chromium page, paid
// before the first paint if a module builds a formatter at load. Counts are integers, grouped here
// exactly as en-US does; anything else goes to a formatter made on first need.
let numberFormat: Intl.NumberFormat | null = null;

/** `10,001`: a count as en-US writes it. */
export function formatCount(n: number): string {
  if (Number.isSafeInteger(n)) {
    const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
    return n < 0 ? `-${digits}` : digits;
  }
  numberFormat ??= new Intl.NumberFormat('en-US');
  return numberFormat.format(n);
}

/** `1 socket`, `12 sockets`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "just now", "42 s ago", "3 min ago": the domain's words (a time ahead of now is skew: "just now"). */
export { agoText as formatAgo } from '../../src-main/domain/time-text.js';

/** `5 s`, `1 min 30 s`: a short duration (retry delays). */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

export interface ExposureBadge {
  /** Short label for the badge. */
  label: string;
  /** Full sentence for the tooltip and screen readers. */
  description: string;
  tone: 'safe' | 'warn' | 'danger';
}

export function exposureBadge(exposure: Exposure | null): ExposureBadge | null {
  switch (exposure) {
    case 'loopback':
      return {
        label: 'local',
        description: 'Reachable from this machine only',
        tone: 'safe',
      };
    case 'all-interfaces':
      return {
        label: 'exposed',
        description: 'Listening on every interface: other machines can reach it',
        tone: 'danger',
      };
    case 'network':
      return {
        label: 'network',
        description: 'Listening on a network address: machines on that network can reach it',
        tone: 'warn',
      };
    default:
      return null;
  }
}

/** The PID column: `4121`, `4121 +3` when forked workers share the socket, `—` when unknown. */
export function formatPid(s: Pick<PortSocket, 'pid' | 'pids'>): string {
  if (s.pid === null) return '—';
  const others = (s.pids?.length ?? 1) - 1;
  return others > 0 ? `${s.pid} +${others}` : String(s.pid);
}
