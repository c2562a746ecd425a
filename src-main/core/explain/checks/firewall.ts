// `firewall`: host firewalls do not filter loopback, so a refused local connection is never theirs;
// for a listener other machines should reach, or a remote target, it reads which firewall is active.
import type { ExplainCheck, ExplainContext, Finding } from '../check.js';
import { isExposed } from '../../../domain/exposure.js';
import { finding, skipped } from './finding.js';
import {
  type FirewallReader,
  readFirewalld,
  readIptables,
  readMacFirewall,
  readNft,
  readUfw,
} from './firewall-readers.js';
import { readWindowsFirewall } from './firewall-readers-windows.js';
import { isLocalHost, thisMachineNames } from '../port-facts.js';

const NAME = 'firewall';

/** Readers per platform; Linux reads iptables only when nft is missing (iptables-nft shows the same). */
const READERS: Partial<Record<NodeJS.Platform, FirewallReader[]>> = {
  linux: [readUfw, readFirewalld],
  darwin: [readMacFirewall],
  win32: [readWindowsFirewall],
};

export function createFirewallCheck(
  localNames: () => readonly string[] = thisMachineNames,
): ExplainCheck {
  return {
    name: NAME,
    run: async (ctx) => {
      const { host, port } = ctx.input.target;
      const remote = host !== null && !isLocalHost(host, localNames());
      const exposed = (ctx.snapshot?.sockets ?? []).some(
        (s) => s.localPort === port && isExposed(s),
      );
      const findings: Finding[] = [];
      const clientSide = ['connect-refused', 'timeout', 'reachability'].includes(
        ctx.input.situation,
      );
      if (!remote && clientSide) {
        findings.push(
          finding(
            NAME,
            'info',
            `Host firewalls do not filter loopback traffic, so a firewall is not why a connection on this machine to port ${port} ${ctx.input.situation === 'connect-refused' ? 'was refused' : 'fails'}.`,
          ),
        );
      }
      if (!remote && !exposed) return findings;
      if (remote) {
        findings.push(
          finding(
            NAME,
            'info',
            `The firewall that matters is on ${host} (and any on the way), which Porthole cannot read from here; this machine's own firewall rarely filters outgoing connections.`,
          ),
        );
      }
      findings.push(...(await readLocal(ctx, port)));
      return findings;
    },
  };
}

export const firewallCheck: ExplainCheck = createFirewallCheck();

async function readLocal(ctx: ExplainContext, port: number): Promise<Finding[]> {
  const readers = READERS[ctx.platform];
  if (readers === undefined) return [skipped(NAME, `no firewall reader for ${ctx.platform}`)];
  const read: Finding[] = [];
  for (const reader of readers) {
    const f = await safely(reader, ctx, port);
    if (f !== null) read.push(f);
  }
  if (ctx.platform === 'linux') {
    const nft = await safely(readNft, ctx, port);
    const tables = nft ?? (await safely(readIptables, ctx, port));
    if (tables !== null) read.push(tables);
  }
  if (read.length > 0) return read;
  return [
    skipped(
      NAME,
      ctx.platform === 'linux'
        ? 'no firewall tool found (ufw, firewall-cmd, nft, iptables)'
        : 'the firewall tool could not be run',
    ),
  ];
}

async function safely(
  reader: FirewallReader,
  ctx: ExplainContext,
  port: number,
): Promise<Finding | null> {
  try {
    return await reader(ctx, port);
  } catch (error) {
    return skipped(NAME, `a firewall reader failed: ${(error as Error).message}`);
  }
}
