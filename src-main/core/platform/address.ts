// Canonical forms of socket addresses, whichever tool or OS spelled them.
import { ipFamily, ipv6Groups } from '../../domain/ip-address.js';
import type { Family } from '../../domain/model.js';

// Settings migration (core/settings, owned elsewhere) still reads the port rule from here.
export { parsePortNumber } from '../../domain/endpoint.js';

export interface NormalizedAddress {
  address: string;
  family: Family;
}

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * Normalizes one address as netstat, ss, lsof, Windows or the kernel print it:
 * strips brackets and zone ids, unwraps IPv4-mapped IPv6, turns `*` into the family's wildcard.
 * Returns null for text that is not an address.
 */
export function normalizeAddress(raw: string, familyHint: Family = 4): NormalizedAddress | null {
  let text = raw.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone > 0) text = text.slice(0, zone);
  if (text === '*' || text === '')
    return { address: familyHint === 6 ? '::' : '0.0.0.0', family: familyHint };
  const mapped = MAPPED_V4.exec(text);
  if (mapped?.[1] && ipFamily(mapped[1]) === 4) return { address: mapped[1], family: 4 };
  const kind = ipFamily(text);
  if (kind === 4) return { address: text, family: 4 };
  if (kind === 6) {
    const groups = ipv6Groups(text);
    // IPv4-mapped written in hex (`::ffff:7f00:1`) is still IPv4.
    if (groups && groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
      const [hi = 0, lo = 0] = groups.slice(6);
      return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: 4 };
    }
    return { address: compressIPv6(text), family: 6 };
  }
  return null;
}

/** The shortest text of an IPv6 address (RFC 5952): lower case, longest zero run as `::`. */
export function compressIPv6(text: string): string {
  const groups = ipv6Groups(text);
  return groups ? compressGroups(groups) : text.toLowerCase();
}

/** compressIPv6 from the eight 16-bit groups themselves (the kernel's tables give them as words). */
export function compressGroups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}
