// Problems in `list`, `who` and `conflicts`: a mark per severity, most urgent first, the same lines everywhere.
import { afterAll, describe, expect, test } from 'vitest';
import { palette } from '../../../src-main/cli/format/color.js';
import { renderProblems, SEVERITY_LEGEND } from '../../../src-main/cli/format/conflicts.js';
import { findConflicts } from '../../../src-main/core/rules/conflicts.js';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { listener, snapshotOf } from '../core/rules/fixtures.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

afterAll(async () => {
  await stopAllHolders();
  cleanupConfigDirs();
});

const p = palette(false);

describe('renderProblems', () => {
  const sockets = [
    listener('127.0.0.1', 80, 1, 'python3', { command: 'python3 -m http.server 80' }),
    listener('0.0.0.0', 9000, 2, 'postgres'),
    listener('0.0.0.0', 4100, 11, 'node', { parent: 10 }),
    listener('0.0.0.0', 4100, 12, 'node', { parent: 10 }),
  ];
  const conflicts = findConflicts(snapshotOf(sockets), [], { ipv6Loopback: true });
  const lines = renderProblems(conflicts, sockets, [], p);
  const heads = lines.filter((l) => !l.startsWith('  '));

  test('warnings, then hints, then info, whatever the port order; each mark from the severity', () => {
    expect(heads.map((l) => l.slice(0, 2))).toEqual(['! ', '! ', '· ', 'i ']);
    expect(heads[0]).toMatch(/^! tcp\/4100 exposed/);
    expect(heads[1]).toMatch(/^! tcp\/9000 exposed/);
    expect(heads[2]).toMatch(
      /^· tcp\/80 half-reachable: python3 \(PID 1\) listens on 127\.0\.0\.1 only/,
    );
    expect(heads[3]).toMatch(/^i tcp\/4100 shared port/);
    // The recognised server's command follows its hint.
    expect(lines[lines.indexOf(heads[2]!) + 2]).toBe('  run: python3 -m http.server 80 --bind ::');
  });

  test("`who`'s lines for one port are exactly `list`'s lines for it", () => {
    const onPort = (port: number) =>
      renderProblems(
        conflicts.filter((c) => c.port === port),
        sockets.filter((s) => s.localPort === port),
        [],
        p,
      );
    expect([...onPort(4100), ...onPort(9000), ...onPort(80)].sort()).toEqual([...lines].sort());
    expect(onPort(9000)).toEqual([
      '! tcp/9000 exposed: postgres accepts connections on every interface; if only this machine needs port 9000, bind it to 127.0.0.1 (e.g. --host 127.0.0.1) or firewall it.',
      `  run: psql -c "ALTER SYSTEM SET listen_addresses = 'localhost'"  # then restart PostgreSQL`,
    ]);
  });
});

describe('the real CLI', () => {
  test('`who` and `list` print the half-reachable hint of a 127.0.0.1-only listener, with the legend', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const hint = `· tcp/${port} half-reachable: node (PID ${holder.pid}) listens on 127.0.0.1 only`;
    const who = await runCli(['who', String(port)], freshConfigDir());
    expect(who.code).toBe(0);
    expect(who.stdout).toContain(hint);
    expect(who.stdout).toContain('  run: server.listen(' + String(port) + ", '::')");
    expect(who.stdout).toContain(SEVERITY_LEGEND);

    const list = await runCli(['list'], freshConfigDir());
    expect(list.stdout).toContain(hint);
    // Whatever else this machine holds: no `!` problem is listed after a hint or an info line.
    const marks = list.stdout
      .split('\n')
      .filter((l) => /^[!·i] \S+\/\d+ /.test(l))
      .map((l) => l[0]);
    const firstCalm = marks.findIndex((m) => m !== '!');
    expect(marks.slice(firstCalm).includes('!')).toBe(false);
    expect(list.stdout).toContain(SEVERITY_LEGEND);

    const json = await runCli(['conflicts', '--json'], freshConfigDir());
    const body = JSON.parse(json.stdout) as {
      conflicts: { kind: string; port: number; severity: string; summary: string }[];
    };
    expect(body.conflicts.find((c) => c.port === port)).toMatchObject({
      kind: 'half-reachable',
      severity: 'hint',
      summary: `${port} · node (PID ${holder.pid}) · only on 127.0.0.1, refused on ::1`,
    });
  });
});
