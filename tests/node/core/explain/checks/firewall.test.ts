import { describe, expect, it } from 'vitest';
import { createFirewallCheck } from '../../../../../src-main/core/explain/checks/firewall.js';
import {
  SOCKETFILTERFW,
  nftInputDrops,
  nftPortRules,
  ufwRulesFor,
} from '../../../../../src-main/core/explain/checks/firewall-readers.js';
import { parseWindowsRules } from '../../../../../src-main/core/explain/checks/firewall-readers-windows.js';
import type { PortSocket, Snapshot } from '../../../../../src-main/domain/model.js';
import { type Recorded, failed, ok, recorded, recordedContext } from './recorded-context.js';

const check = createFirewallCheck(() => []);
const REMOTE = 'build-server.test';

function exposedListener(port: number): Snapshot {
  const socket = {
    protocol: 'tcp',
    family: 4,
    localAddress: '0.0.0.0',
    localPort: port,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    pid: 4121,
    process: 'node',
    command: null,
    user: null,
    exposure: 'all-interfaces',
  } as PortSocket;
  return { takenAt: 0, sockets: [socket], unattributed: 0 } as Snapshot;
}

async function statuses(r: Recorded) {
  return (await check.run(recordedContext(r))).map((f) => [f.status, f.message, f.fix] as const);
}

describe('firewall and loopback', () => {
  it('says plainly that a refused local connection is not a firewall problem, and reads nothing else', async () => {
    const ctx = recordedContext({ host: '127.0.0.1', port: 3000, situation: 'connect-refused' });
    const findings = await check.run(ctx);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.status).toBe('info');
    expect(findings[0]?.message).toContain('do not filter loopback');
    expect(ctx.runs).toEqual([]);
  });

  it('has nothing to say about a local address-in-use', async () => {
    expect(await check.run(recordedContext({ port: 3000, situation: 'address-in-use' }))).toEqual(
      [],
    );
  });
});

describe('firewall on Linux, from recorded outputs', () => {
  const userTables = {
    'nft list ruleset': failed(1, recorded('linux-nft-ruleset-user.txt')),
    'iptables -S': failed(4, recorded('linux-iptables-S-user.txt')),
  };

  it('reads ufw active rules for the port, and gives the sudo command nft needs as a user', async () => {
    const found = await statuses({
      host: REMOTE,
      port: 3000,
      situation: 'timeout',
      tools: { 'ufw status': ok(recorded('linux-ufw-status-active.txt')), ...userTables },
    });
    expect(found[0]?.[1]).toContain(`on ${REMOTE}`);
    expect(found[1]?.[0]).toBe('problem');
    expect(found[1]?.[1]).toContain('3000 DENY Anywhere');
    expect(found[2]).toEqual([
      'info',
      expect.stringContaining('Operation not permitted'),
      'sudo nft list ruleset',
    ]);
  });

  it('reads ufw inactive, refused without root, and rule ranges', async () => {
    const inactive = await statuses({
      port: 3000,
      snapshot: exposedListener(3000),
      tools: { 'ufw status': ok(recorded('linux-ufw-status-inactive.txt')) },
    });
    expect(inactive.map((f) => f[0])).toEqual(['info', 'info']);
    expect(inactive[1]?.[1]).toContain('inactive');
    const user = await statuses({
      port: 3000,
      snapshot: exposedListener(3000),
      situation: 'address-in-use',
      tools: { 'ufw status': failed(1, recorded('linux-ufw-status-user.txt')) },
    });
    expect(user[0]?.[2]).toBe('sudo ufw status verbose');
    expect(ufwRulesFor('8000:8100/tcp               ALLOW       Anywhere', 8080)).toHaveLength(1);
    expect(ufwRulesFor(recorded('linux-ufw-status-active.txt'), 22)).toHaveLength(2);
    expect(ufwRulesFor(recorded('linux-ufw-status-active.txt'), 2200)).toEqual([]);
  });

  it('reads firewalld running with its ports, not running, and refused by polkit', async () => {
    const running = { 'firewall-cmd --state': ok(recorded('linux-firewalld-state-running.txt')) };
    const open = await statuses({
      host: REMOTE,
      port: 8080,
      tools: {
        ...running,
        'firewall-cmd --list-ports': ok(recorded('linux-firewalld-list-ports.txt')),
      },
    });
    expect(open[1]?.[0]).toBe('ok');
    const closed = await statuses({
      host: REMOTE,
      port: 9000,
      tools: {
        ...running,
        'firewall-cmd --list-ports': ok(recorded('linux-firewalld-list-ports.txt')),
      },
    });
    expect(closed[1]?.[0]).toBe('problem');
    expect(closed[1]?.[2]).toContain('--add-port=9000/tcp');
    const polkit = await statuses({
      host: REMOTE,
      port: 9000,
      tools: {
        ...running,
        'firewall-cmd --list-ports': failed(11, recorded('linux-firewalld-list-ports-user.txt')),
      },
    });
    expect(polkit[1]?.[2]).toBe('sudo firewall-cmd --list-all');
    const off = await statuses({
      host: REMOTE,
      port: 9000,
      tools: {
        'firewall-cmd --state': failed(252, recorded('linux-firewalld-state-not-running.txt')),
      },
    });
    expect(off[1]?.[1]).toContain('not running');
  });

  it('reads the recorded nft ruleset and iptables -S as root, iptables only without nft', async () => {
    const nft = recorded('linux-nft-ruleset-root.txt');
    expect(nftInputDrops(nft)).toBe(false);
    expect(nftPortRules('tcp dport { 22, 3000 } drop', 3000)).toHaveLength(1);
    expect(nftPortRules('tcp dport 30000 drop', 3000)).toEqual([]);
    const root = await statuses({
      host: REMOTE,
      port: 3000,
      tools: { 'nft list ruleset': ok(nft) },
    });
    expect(root[1]).toEqual(['ok', 'nftables has no input rule that blocks port 3000.', null]);
    const ctx = recordedContext({
      host: REMOTE,
      port: 3000,
      tools: { 'iptables -S': ok(recorded('linux-iptables-S-root.txt')) },
    });
    const tables = await check.run(ctx);
    expect(tables[1]?.message).toBe('iptables has no input rule that blocks port 3000.');
    expect(ctx.runs.map((r) => r.join(' '))).toEqual([
      'ufw status',
      'firewall-cmd --state',
      'nft list ruleset',
      'iptables -S',
    ]);
    const drop = await statuses({
      host: REMOTE,
      port: 3000,
      tools: { 'iptables -S': ok('-P INPUT DROP\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n') },
    });
    expect(drop[1]?.[0]).toBe('problem');
    expect(drop[1]?.[2]).toContain('--dport 3000 -j ACCEPT');
    const userIptables = await statuses({
      host: REMOTE,
      port: 3000,
      tools: { 'iptables -S': userTables['iptables -S'] },
    });
    expect(userIptables[1]?.[2]).toBe('sudo iptables -S');
  });

  it('skips with the reason when no firewall tool is installed', async () => {
    const none = await statuses({ host: REMOTE, port: 3000 });
    expect(none[1]?.[0]).toBe('skipped');
    expect(none[1]?.[1]).toContain('no firewall tool found');
  });
});

describe('firewall on macOS and Windows, from recorded outputs', () => {
  const get = `${SOCKETFILTERFW} --getglobalstate`;

  it('reads the Application Firewall global state', async () => {
    const on = await statuses({
      platform: 'darwin',
      host: REMOTE,
      port: 3000,
      tools: { [get]: ok(recorded('macos-socketfilterfw-enabled.txt')) },
    });
    expect(on[1]?.[1]).toContain('per application');
    const off = await statuses({
      platform: 'darwin',
      host: REMOTE,
      port: 3000,
      tools: { [get]: ok(recorded('macos-socketfilterfw-disabled.txt')) },
    });
    expect(off[1]?.[1]).toContain('is off');
    const all = await statuses({
      platform: 'darwin',
      host: REMOTE,
      port: 3000,
      tools: { [get]: ok(recorded('macos-socketfilterfw-block-all.txt')) },
    });
    expect(all[1]?.[0]).toBe('problem');
    const missing = await statuses({ platform: 'darwin', host: REMOTE, port: 3000 });
    expect(missing[1]?.[0]).toBe('skipped');
  });

  it('reads Windows profiles and the rules for the port through PowerShell with fixed arguments', async () => {
    const ctx = recordedContext({
      platform: 'win32',
      port: 3000,
      snapshot: exposedListener(3000),
      situation: 'address-in-use',
      toolsContaining: [
        ['Get-NetFirewallProfile', ok(recorded('windows-powershell-profiles.txt'))],
        [
          "Get-NetFirewallPortFilter -Protocol TCP | Where-Object { $_.LocalPort -eq '3000' }",
          ok(recorded('windows-powershell-port-rules.txt')),
        ],
      ],
    });
    const [f] = await check.run(ctx);
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain('Windows Firewall is on (Domain, Private)');
    expect(f?.message).toContain('"Block dev 3000"');
    expect(parseWindowsRules(recorded('windows-powershell-port-rules.txt'))).toHaveLength(3);
    const missing = await check.run(
      recordedContext({ platform: 'win32', host: REMOTE, port: 3000 }),
    );
    expect(missing[1]?.status).toBe('skipped');
  });
});
