// `hosts`: the hosts file maps localhost (or the target's name) somewhere unexpected, or the name
// does not resolve at all.
import type { ExplainCheck, ExplainContext, Finding } from '../check.js';
import { canonicalIPv6, isIPv4 } from '../../../domain/explain-input-address.js';
import { finding, skipped } from './finding.js';
import { type HostsEntry, hostsFilePath, isLoopbackText, parseHostsFile } from './hosts-file.js';

const NAME = 'hosts';

export const hostsCheck: ExplainCheck = {
  name: NAME,
  run: async (ctx) => {
    const host = ctx.input.target.host;
    if (host === null || isIPv4(host) || canonicalIPv6(host) !== null) return [];
    const name = host.toLowerCase();
    const path = hostsFilePath(ctx.platform, process.env.SystemRoot);
    const text = await ctx.readFile(path);
    const entries = text === null ? null : parseHostsFile(text).filter((e) => e.name === name);
    const findings: Finding[] = [];
    if (entries === null) findings.push(skipped(NAME, `could not read the hosts file ${path}`));
    else findings.push(...fromHostsFile(name, entries, path));
    findings.push(await resolution(ctx, host, path));
    return findings;
  },
};

function fromHostsFile(name: string, entries: HostsEntry[], path: string): Finding[] {
  if (entries.length === 0) return [];
  const where = entries.map((e) => `${e.address} (line ${e.line})`).join(', ');
  const local = name === 'localhost' || name.endsWith('.localhost');
  const strange = entries.filter((e) => !isLoopbackText(e.address));
  if (local && strange.length > 0) {
    const lines = strange.map((e) => `${e.address} on line ${e.line}`).join(', ');
    return [
      finding(
        NAME,
        'problem',
        `${path} maps ${name} to ${lines}, which is not loopback: clients going to ${name} leave this machine.`,
        `edit ${path} (as root or administrator) so ${name} maps only to 127.0.0.1 and ::1`,
      ),
    ];
  }
  if (local) return [];
  return [finding(NAME, 'info', `${path} maps ${name} to ${where}; DNS is not asked for it.`)];
}

async function resolution(ctx: ExplainContext, host: string, path: string): Promise<Finding> {
  let addresses: { address: string }[];
  try {
    addresses = await ctx.resolve(host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return finding(
      NAME,
      'problem',
      `${host} does not resolve${typeof code === 'string' ? ` (${code})` : ''}: no address to connect to.`,
      `check the spelling, add the name to ${path}, or use the IP address`,
    );
  }
  if (addresses.length === 0) {
    return finding(
      NAME,
      'problem',
      `${host} resolves to no address.`,
      `add the name to ${path}, or use the IP address`,
    );
  }
  return finding(NAME, 'ok', `${host} resolves to ${addresses.map((a) => a.address).join(', ')}.`);
}
