// Node-free words people read for owners, watches and latencies: the same in tray, window, CLI and notices.
import { targetText } from './endpoint.js';
import type { PortSocket, WatchSpec } from './model.js';
import { unnamedHolder } from './unattributed.js';

/** `node (PID 4121)`, `PID 4121`, `node`, or null when neither is known. */
export function ownerLabel(pid: number, process: string | null): string;
export function ownerLabel(pid: number | null, process: string | null): string | null;
export function ownerLabel(pid: number | null, process: string | null): string | null {
  if (pid === null) return process || null;
  return process ? `${process} (PID ${pid})` : `PID ${pid}`;
}

/** ownerLabel, or "an unknown process" when neither PID nor name is known. */
export function ownerOrUnknown(pid: number | null, process: string | null): string {
  return ownerLabel(pid, process) ?? unnamedHolder(null);
}

/** The text with its first letter capitalized, to start a sentence with a phrase. */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `0.3 ms`, `12 ms`: tenths only where they matter. */
export function latencyText(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** `api (3000)` for a labelled watch, else the target (`target` overrides how it is written). */
export function watchName(
  spec: Pick<WatchSpec, 'label' | 'target'>,
  target: string = targetText(spec.target),
): string {
  return spec.label ? `${spec.label} (${target})` : target;
}

/** `tcp`, `tcp6`, `udp`, `udp6`: the protocol and family as netstat spells them. */
export function formatProtocol(s: Pick<PortSocket, 'protocol' | 'family'>): string {
  return s.family === 6 ? `${s.protocol}6` : s.protocol;
}

/** `3000`, `53/udp`: how a one-line problem title names its port. */
export function portTag(protocol: 'tcp' | 'udp', port: number): string {
  return protocol === 'udp' ? `${port}/udp` : String(port);
}

/** A problem in one line, its parts joined by ` · ` (`3000 · node (PID 4121) · shadowed by …`). */
export function problemLine(...parts: readonly (string | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');
}
