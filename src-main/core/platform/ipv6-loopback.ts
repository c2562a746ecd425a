// Whether this machine has IPv6 loopback (::1 on lo): without it, a 127.0.0.1-only listener is all localhost can reach.
import { readFileSync } from 'node:fs';
import os from 'node:os';

let cached: boolean | undefined;

/** True when `::1` is configured on a loopback interface; read once (it does not change while running). */
export function hasIpv6Loopback(): boolean {
  if (cached === undefined) cached = detect();
  return cached;
}

function detect(): boolean {
  try {
    // Linux lists every IPv6 address here; ::1 reads as 31 zeros and a 1.
    return /^0{31}1\s/m.test(readFileSync('/proc/net/if_inet6', 'utf8'));
  } catch {
    // No /proc (macOS, Windows) or IPv6 disabled there: ask the interface list instead.
  }
  return Object.values(os.networkInterfaces()).some((addresses) =>
    (addresses ?? []).some((a) => a.internal && a.family === 'IPv6' && a.address === '::1'),
  );
}
