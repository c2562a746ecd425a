// `ephemeral`: the port lies in the range the OS hands to outgoing connections, so any client may
// take it for a while and a server then fails with "address in use" now and then.
import type { ExplainCheck, ExplainContext } from '../check.js';
import { isListener } from '../../../domain/model.js';
import { type PortRange, finding, inRange, rangeText } from './finding.js';
import { parseDynamicPortRange } from './windows-port-ranges.js';
import { ownerPhrase } from '../port-facts.js';

const NAME = 'ephemeral';
export const LOCAL_PORT_RANGE = '/proc/sys/net/ipv4/ip_local_port_range';
const LINUX_DEFAULT: PortRange = { start: 32768, end: 60999 };
/** Windows (since Vista) and macOS: the IANA dynamic range. */
const IANA_DEFAULT: PortRange = { start: 49152, end: 65535 };
const TOOL_TIMEOUT_MS = 5000;

interface ReadRange {
  range: PortRange;
  /** Where the range came from, in words. */
  source: string;
}

export const ephemeralCheck: ExplainCheck = {
  name: NAME,
  run: async (ctx) => {
    const read = await ephemeralRange(ctx);
    if (read === null) return [];
    const { port } = ctx.input.target;
    if (!inRange(port, read.range)) return [];
    const takers =
      ctx.snapshot?.sockets.filter(
        (s) => s.localPort === port && !isListener(s) && s.protocol === ctx.input.target.protocol,
      ) ?? [];
    const pids = [...new Set(takers.map((s) => s.pid).filter((p): p is number => p !== null))];
    const range = rangeText(read.range);
    const fix = `pick a port outside ${range} (e.g. ${outside(read.range)})${ctx.platform === 'linux' ? `, or reserve it: sudo sysctl -w net.ipv4.ip_local_reserved_ports=${port}` : ''}`;
    const base = `Port ${port} lies in this system's ephemeral range ${range} (${read.source}), from which outgoing connections take their local port.`;
    if (ctx.input.situation === 'address-in-use' && takers.length > 0) {
      const owner = takers[0] ? ownerPhrase(takers[0]) : null;
      const who = owner ? ` (${owner})` : '';
      return [
        finding(
          NAME,
          'problem',
          `${base} An outgoing connection holds it right now${who}.`,
          fix,
          pids,
        ),
      ];
    }
    const note =
      ctx.input.situation === 'address-in-use'
        ? ' A connection may have held it when the bind failed.'
        : ' A server there can find it taken now and then.';
    return [finding(NAME, 'info', `${base}${note}`, fix, pids)];
  },
};

/** A round port below the range (32000 for 32768-60999), or just above it when it starts low. */
function outside(range: PortRange): number {
  const below = Math.floor((range.start - 1) / 1000) * 1000;
  if (below >= 1024) return below;
  return range.end < 65535 ? range.end + 1 : 1024;
}

async function ephemeralRange(ctx: ExplainContext): Promise<ReadRange | null> {
  if (ctx.platform === 'linux') {
    const text = await ctx.readFile(LOCAL_PORT_RANGE);
    const m = text === null ? null : /^\s*(\d{1,5})\s+(\d{1,5})\s*$/.exec(text);
    if (m === null)
      return {
        range: LINUX_DEFAULT,
        source: `Linux's default; ${LOCAL_PORT_RANGE} could not be read`,
      };
    return { range: { start: Number(m[1]), end: Number(m[2]) }, source: LOCAL_PORT_RANGE };
  }
  if (ctx.platform === 'win32') {
    const protocol = ctx.input.target.protocol;
    const out = await ctx.run(
      'netsh',
      ['interface', 'ipv4', 'show', 'dynamicport', protocol],
      TOOL_TIMEOUT_MS,
    );
    const range = out !== null && out.code === 0 ? parseDynamicPortRange(out.stdout) : null;
    if (range === null)
      return { range: IANA_DEFAULT, source: "Windows' default; netsh could not be read" };
    return { range, source: `netsh interface ipv4 show dynamicport ${protocol}` };
  }
  if (ctx.platform === 'darwin') {
    const out = await ctx.run(
      'sysctl',
      ['-n', 'net.inet.ip.portrange.first', 'net.inet.ip.portrange.last'],
      TOOL_TIMEOUT_MS,
    );
    const m =
      out !== null && out.code === 0 ? /^\s*(\d{1,5})\s+(\d{1,5})\s*$/.exec(out.stdout) : null;
    if (m === null)
      return { range: IANA_DEFAULT, source: "macOS's default; sysctl could not be read" };
    return {
      range: { start: Number(m[1]), end: Number(m[2]) },
      source: 'sysctl net.inet.ip.portrange.first/last',
    };
  }
  return null;
}
