// Readers of Windows' netsh port tables: excluded port ranges and the dynamic (ephemeral) range.
// Commands: https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/netsh-interface
// (`netsh interface ipv4|ipv6 show excludedportrange protocol=tcp|udp`, `show dynamicport tcp|udp`).
// The headings are localised ("Port de début"), so only the rows of numbers are read.
import type { PortRange } from './finding.js';

export interface ExcludedRange extends PortRange {
  /** Marked `*`: added by an administrator (`netsh … add excludedportrange`), not by a service. */
  administered: boolean;
}

/** Rows of `Start Port    End Port` with an optional `*`; headings, rules and notes ignored. */
export function parseExcludedPortRanges(text: string): ExcludedRange[] {
  const ranges: ExcludedRange[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\d{1,5})\s+(\d{1,5})\s*(\*)?\s*$/.exec(line);
    if (m === null) continue;
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (start < 1 || end > 65535 || end < start) continue;
    ranges.push({ start, end, administered: m[3] === '*' });
  }
  return ranges;
}

/** `Start Port : 49152` and `Number of Ports : 16384` (the two numbers after colons, in order). */
export function parseDynamicPortRange(text: string): PortRange | null {
  const numbers = [...text.matchAll(/:\s*(\d{1,5})\s*$/gm)].map((m) => Number(m[1]));
  const [start, count] = numbers;
  if (start === undefined || count === undefined || start < 1 || count < 1) return null;
  return { start, end: Math.min(65535, start + count - 1) };
}
