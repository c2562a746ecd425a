// Small builders the explain checks share: one finding, a `skipped` finding, a tool's text.
import type { Finding, ToolOutput } from '../check.js';
import { finding } from '../port-facts.js';

export { finding };

export function skipped(check: string, why: string): Finding {
  return finding(check, 'skipped', why);
}

/** stdout and stderr together, for readers that look for a tool's refusal wherever it printed it. */
export function toolText(out: ToolOutput): string {
  return `${out.stdout}\n${out.stderr}`;
}

/** A tool refused because it needs root or an administrator. */
export function needsPrivileges(out: ToolOutput): boolean {
  return /permission denied|operation not permitted|you must be root|need to be root|authorization failed|access is denied|requires elevation/i.test(
    toolText(out),
  );
}

/** A port range as people write it: `49152-65535`. */
export interface PortRange {
  start: number;
  end: number;
}

export function rangeText(range: PortRange): string {
  return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`;
}

export function inRange(port: number, range: PortRange): boolean {
  return port >= range.start && port <= range.end;
}
