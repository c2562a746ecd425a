// IP address literals read without node:net: the same answers as its isIP, isIPv4 and isIPv6, from
// a few small checks instead of Node's IPv6 regular expression, whose first use costs a one-shot
// command milliseconds (5-8 ms on a 2-core VM: more than `porthole list` spends on its own rules).
// tests/node/domain/ip-address.test.ts holds both to the same answers on random and edge inputs.

const DECIMAL_OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const ZONE_ID = /^[0-9a-zA-Z.:-]+$/;

/** The four numbers of a dotted-quad IPv4 address (no leading zeros, as node:net), or null. */
export function ipv4Octets(text: string): [number, number, number, number] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => DECIMAL_OCTET.test(part))) return null;
  const [a = 0, b = 0, c = 0, d = 0] = parts.map(Number);
  return [a, b, c, d];
}

/** Groups of one side of `::`; an IPv4 tail (allowed last) counts as two groups. */
function groupsOf(half: string, mayEndInIPv4: boolean): number[] | null {
  if (half === '') return [];
  const parts = half.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
      continue;
    }
    const v4 = mayEndInIPv4 && i === parts.length - 1 ? ipv4Octets(part) : null;
    if (!v4) return null;
    groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
  }
  return groups;
}

/**
 * The eight 16-bit groups of an IPv6 address (`::1`, `fe80::1%eth0`, `::ffff:127.0.0.1`), or null.
 * A zone id is allowed and dropped, as node:net's isIPv6 allows it.
 */
export function ipv6Groups(text: string): number[] | null {
  let body = text;
  const zone = body.indexOf('%');
  if (zone >= 0) {
    if (!ZONE_ID.test(body.slice(zone + 1))) return null;
    body = body.slice(0, zone);
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  if (halves.length === 1) {
    const groups = groupsOf(body, true);
    return groups?.length === 8 ? groups : null;
  }
  const left = groupsOf(halves[0] ?? '', false);
  const right = groupsOf(halves[1] ?? '', true);
  // `::` stands for at least one group of zeros.
  if (!left || !right || left.length + right.length > 7) return null;
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** 4, 6 or 0 (not an address literal): node:net's isIP. */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (ipv4Octets(text)) return 4;
  return ipv6Groups(text) ? 6 : 0;
}
