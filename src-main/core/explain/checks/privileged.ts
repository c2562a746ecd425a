// `privileged`: is the port one this user may not bind? Linux's unprivileged port limit, macOS's
// rule since Mojave, Windows' excluded port ranges (Hyper-V, WSL and Docker reserve them).
import type { ExplainCheck, ExplainContext, Finding } from '../check.js';
import { finding, inRange, rangeText, skipped } from './finding.js';
import { type ExcludedRange, parseExcludedPortRanges } from './windows-port-ranges.js';

const NAME = 'privileged';
export const UNPRIVILEGED_PORT_START = '/proc/sys/net/ipv4/ip_unprivileged_port_start';
const LINUX_DEFAULT_LIMIT = 1024;
const NETSH_TIMEOUT_MS = 5000;

export const privilegedCheck: ExplainCheck = {
  name: NAME,
  run: async (ctx) => {
    if (ctx.input.situation === 'address-in-use' && ctx.platform !== 'win32') return [];
    if (ctx.platform === 'linux') return linux(ctx);
    if (ctx.platform === 'darwin') return macos(ctx);
    if (ctx.platform === 'win32') return windows(ctx);
    return [];
  },
};

async function linux(ctx: ExplainContext): Promise<Finding[]> {
  const { port } = ctx.input.target;
  const denied = ctx.input.situation === 'permission-denied';
  const text = await ctx.readFile(UNPRIVILEGED_PORT_START);
  const read = text === null ? null : Number.parseInt(text.trim(), 10);
  const known = read !== null && Number.isInteger(read) && read >= 0 && read <= 65536;
  const limit = known ? read : LINUX_DEFAULT_LIMIT;
  const source = known
    ? `${UNPRIVILEGED_PORT_START} is ${limit}`
    : `${UNPRIVILEGED_PORT_START} could not be read; Linux's default is ${LINUX_DEFAULT_LIMIT}`;
  if (port >= limit) {
    if (!denied) return [];
    return [
      finding(
        NAME,
        'ok',
        `Port ${port} is not privileged here (${source}), so the port number is not why the bind was refused.`,
      ),
    ];
  }
  const message = `Port ${port} is below ${limit}, the lowest port a user without privileges may bind on Linux (${source}).`;
  const fix = `use a port of ${Math.max(limit, 1024)} or more (e.g. ${suggestion(port, limit)}), or let node bind low ports: sudo setcap 'cap_net_bind_service=+ep' $(which node)`;
  if (denied)
    return [
      finding(NAME, 'problem', `${message} Binding it needs root or CAP_NET_BIND_SERVICE.`, fix),
    ];
  return [
    finding(
      NAME,
      'info',
      `${message} A server started without root or CAP_NET_BIND_SERVICE cannot listen on it.`,
      fix,
    ),
  ];
}

function suggestion(port: number, limit: number): number {
  const candidate = port === 80 || port === 443 ? 8000 + port : 8080;
  return candidate >= limit ? candidate : limit;
}

function macos(ctx: ExplainContext): Finding[] {
  const { port, host } = ctx.input.target;
  if (port >= 1024 || ctx.input.situation === 'connect-refused') return [];
  const everyAddress = host === null || host === '0.0.0.0' || host === '::';
  if (everyAddress) {
    return [
      finding(
        NAME,
        'info',
        `Since macOS 10.14 Mojave a user without root may bind port ${port} on every address, so the port number is not the cause here.`,
      ),
    ];
  }
  return [
    finding(
      NAME,
      'info',
      `Since macOS 10.14 Mojave ports below 1024 need no root when bound on every address (0.0.0.0 or ::); bound on ${host} only, port ${port} may still need root.`,
      `bind 0.0.0.0 (or ::) instead of ${host}, or use a port of 1024 or more`,
    ),
  ];
}

async function windows(ctx: ExplainContext): Promise<Finding[]> {
  const { port, protocol } = ctx.input.target;
  const ranges: { family: string; range: ExcludedRange }[] = [];
  const unread: string[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const args = ['interface', family, 'show', 'excludedportrange', `protocol=${protocol}`];
    const out = await ctx.run('netsh', args, NETSH_TIMEOUT_MS);
    if (out === null || out.code !== 0) {
      unread.push(family);
      continue;
    }
    for (const range of parseExcludedPortRanges(out.stdout)) ranges.push({ family, range });
  }
  if (unread.length === 2) {
    return [
      skipped(
        NAME,
        `netsh could not list the excluded port ranges (netsh interface ipv4 show excludedportrange protocol=${protocol})`,
      ),
    ];
  }
  const hits = ranges.filter((r) => inRange(port, r.range));
  const serious =
    ctx.input.situation === 'permission-denied' || ctx.input.situation === 'address-in-use';
  const first = hits[0];
  if (first === undefined) {
    if (ctx.input.situation !== 'permission-denied') return [];
    return [
      finding(
        NAME,
        'ok',
        `Port ${port} is in none of Windows' excluded port ranges, and Windows has no privileged ports, so neither is why the bind was refused.`,
      ),
    ];
  }
  const where = [...new Set(hits.map((h) => `${h.family} ${rangeText(h.range)}`))].join(', ');
  const { range } = first;
  const message = range.administered
    ? `Port ${port} lies in an excluded port range an administrator added (${where}): Windows refuses binds there with "access permissions" although nothing listens.`
    : `Port ${port} lies in an excluded port range Windows reserved (${where}; Hyper-V, WSL and Docker reserve such ranges): binds there fail with "access permissions" although nothing listens.`;
  const fix = range.administered
    ? `choose a port outside ${rangeText(range)}, or as administrator: netsh int ipv4 delete excludedportrange protocol=${protocol} startport=${range.start} numberofports=${range.end - range.start + 1}`
    : `choose a port outside ${rangeText(range)}, or as administrator: net stop winnat, then netsh int ipv4 add excludedportrange protocol=${protocol} startport=${port} numberofports=1 (keeps it yours), then net start winnat`;
  return [finding(NAME, serious ? 'problem' : 'info', message, fix)];
}
