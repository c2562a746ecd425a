// The half-reachable rule over handwritten sockets: one loopback family only is a hint, anything else is not.
import { describe, expect, test } from 'vitest';
import { findConflicts } from '../../../../src-main/core/rules/conflicts.js';
import { conflictSeverity } from '../../../../src-main/domain/severity.js';
import { listener, snapshotOf } from './fixtures.js';

const V6 = { ipv6Loopback: true };
const kinds = (sockets: Parameters<typeof snapshotOf>[0], options = V6) =>
  findConflicts(snapshotOf(sockets), [], options).map((c) => `${c.kind}:${c.port}`);

describe('half-reachable', () => {
  test('a TCP listener on 127.0.0.1 only is a hint naming the refused family', () => {
    const py = listener('127.0.0.1', 8000, 5120, 'python3', {
      command: 'python3 -m http.server 8000 --bind 127.0.0.1',
    });
    const [c, ...rest] = findConflicts(snapshotOf([py]), [], V6);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ kind: 'half-reachable', protocol: 'tcp', port: 8000, pids: [5120] });
    expect(conflictSeverity(c!)).toBe('hint');
    expect(c!.summary).toBe('8000 · python3 (PID 5120) · only on 127.0.0.1, refused on ::1');
    expect(c!.message).toContain('Node >= 17, curl, browsers');
    expect(c!.message).toContain('refused on [::1]');
    expect(c!.fix).toBe(
      "Listen on both families: both 127.0.0.1 and ::1, or '::' with dual-stack (which also opens it to other machines), or point clients at the address it listens on.",
    );
    // Recognised: the command is the one for this very server.
    expect(c!.command).toBe('python3 -m http.server 8000 --bind ::');
  });

  test('a listener on ::1 only is refused to IPv4-first clients on 127.0.0.1', () => {
    const [c] = findConflicts(snapshotOf([listener('::1', 5173, 7, 'node')]), [], V6);
    expect(c!.summary).toBe('5173 · node (PID 7) · only on ::1, refused on 127.0.0.1');
    expect(c!.message).toContain('refused on 127.0.0.1');
    expect(c!.command).toBe("server.listen(5173, '::')");
  });

  test('not when the other family answers too, by the same process or through a wildcard', () => {
    expect(
      kinds([listener('127.0.0.1', 3000, 1, 'node'), listener('::1', 3000, 1, 'node')]),
    ).toEqual([]);
    expect(
      kinds([listener('127.0.0.1', 3000, 1, 'node'), listener('::', 3000, 1, 'node')]),
    ).toEqual([]);
    expect(kinds([listener('0.0.0.0', 5432, 2, 'postgres')])).toEqual([]);
    expect(kinds([listener('::', 5432, 2, 'postgres')])).toEqual([]);
  });

  test('not for UDP, not for other loopback addresses, not on a machine without ::1', () => {
    expect(kinds([listener('127.0.0.1', 53, 3, 'dnsmasq', { protocol: 'udp' })])).toEqual([]);
    expect(kinds([listener('127.0.0.53', 53, 3, 'systemd-resolve')])).toEqual([]);
    expect(kinds([listener('127.0.0.1', 8000, 4, 'python3')], { ipv6Loopback: false })).toEqual([]);
  });

  test('two processes split over the families are shadowed, not half-reachable', () => {
    expect(
      kinds([listener('127.0.0.1', 3000, 1, 'node'), listener('::1', 3000, 2, 'python3')]),
    ).toEqual(['shadowed:3000']);
  });

  test('a loopback listener beside a network address is still half-reachable (and shadowed)', () => {
    expect(
      kinds([listener('127.0.0.1', 8080, 1, 'nginx'), listener('192.168.1.5', 8080, 2, 'node')]),
    ).toEqual(['shadowed:8080', 'half-reachable:8080']);
  });

  test('an unknown process is still named as such', () => {
    const [c] = findConflicts(snapshotOf([listener('127.0.0.1', 9000, null, null)]), [], V6);
    expect(c!.summary).toContain('an unknown process');
    expect(c!.command).toBeUndefined();
  });
});
