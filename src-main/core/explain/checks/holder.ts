// `holder` (address in use): who holds the port, with the overlaps the kernel counts, the stop command and free ports nearby.
import { containerStopCommand } from '../../../domain/container-actions.js';
import { formatEndpoint } from '../../../domain/endpoint.js';
import type { PortSocket } from '../../../domain/model.js';
import { stopCommand } from '../../../domain/port-actions.js';
import { normalizeAddress } from '../../platform/address.js';
import type { ExplainCheck, ExplainContext, Finding } from '../check.js';
import {
  addressText,
  finding,
  noSnapshot,
  ownerText,
  socketPids,
  targetListeners,
} from '../port-facts.js';

const NAME = 'holder';

/** Why a bind to `wanted` collides with a listener on `held`: '' for the same address, null for none. */
export function overlapReason(wanted: string, held: string): string | null {
  if (wanted === held) return '';
  const v6 = (a: string): boolean => a.includes(':');
  if (wanted === '::') {
    return v6(held)
      ? 'a bind to :: covers every IPv6 address'
      : 'a bind to :: is dual-stack and covers IPv4 too, so the kernel counts the IPv4 holder';
  }
  if (held === '::' && !v6(wanted)) return 'the holder on :: is dual-stack and covers IPv4 as well';
  if (held === '::') return 'the holder on :: covers every IPv6 address';
  if (wanted === '0.0.0.0') return v6(held) ? null : 'a bind to 0.0.0.0 covers every IPv4 address';
  if (held === '0.0.0.0' && !v6(wanted)) return 'the holder on 0.0.0.0 covers every IPv4 address';
  return null;
}

/** The addresses the failed bind asked for: none said means any holder counts. */
function wantedAddresses(host: string | null): string[] | null {
  if (host === null) return null;
  if (host === 'localhost') return ['127.0.0.1', '::1'];
  const a = normalizeAddress(host);
  return a ? [a.address] : null;
}

function holderSentence(s: PortSocket, reason: string, port: number): string {
  const base = `${formatEndpoint(s.localAddress, port)} is held by ${ownerText(s)}`;
  return reason ? `${base}: ${reason}` : base;
}

function stopFor(s: PortSocket, ctx: ExplainContext): string | null {
  if (s.container) return containerStopCommand(s.container, ctx.snapshot?.engines ?? []);
  return s.pid === null ? null : stopCommand(s.pid);
}

export const holderCheck: ExplainCheck = {
  name: NAME,
  async run(ctx): Promise<Finding[]> {
    if (ctx.input.situation !== 'address-in-use') return [];
    if (!ctx.snapshot) return [noSnapshot(NAME)];
    const { host, port, protocol } = ctx.input.target;
    const wanted = wantedAddresses(host);
    const holders: { s: PortSocket; reason: string }[] = [];
    for (const s of targetListeners(ctx)) {
      const reasons = (wanted ?? [s.localAddress]).map((w) => overlapReason(w, s.localAddress));
      const reason = reasons.find((r) => r !== null);
      if (reason !== undefined && reason !== null) holders.push({ s, reason });
    }
    const free = ctx.freePorts ? await ctx.freePorts(port, protocol, 3).catch(() => []) : [];
    const freeText = free.length > 0 ? `use a free port nearby: ${free.join(', ')}` : null;
    if (holders.length === 0) {
      const message = `No listener holds ${protocol}/${port} now: it was let go after the error, or a process in another network namespace holds it.`;
      return [finding(NAME, 'info', message, freeText ? `try again, or ${freeText}` : 'try again')];
    }
    const sentences = holders.map((h) => holderSentence(h.s, h.reason, port));
    const byAddress = new Map<string, Set<number>>();
    for (const { s } of holders) {
      const set = byAddress.get(s.localAddress) ?? new Set<number>();
      for (const pid of socketPids(s)) set.add(pid);
      byAddress.set(s.localAddress, set);
    }
    for (const [address, pids] of byAddress) {
      const sharing = holders.filter(
        (h) => h.s.localAddress === address && h.s.inode !== undefined,
      );
      const inodes = new Set(sharing.map((h) => h.s.inode));
      if (inodes.size > 1 && pids.size > 1) {
        sentences.push(
          `${pids.size} processes share ${addressText(address)} with SO_REUSEPORT; a new bind joins them only if it sets SO_REUSEPORT too, as the same user`,
        );
      }
    }
    const stops = [
      ...new Set(holders.map((h) => stopFor(h.s, ctx)).filter((c): c is string => c !== null)),
    ];
    const fix = [stops.length > 0 ? `stop it: ${stops.join('; ')}` : null, freeText]
      .filter(Boolean)
      .join(', or ');
    const pids = holders.flatMap((h) => socketPids(h.s));
    return [finding(NAME, 'problem', `${sentences.join('; ')}.`, fix || null, pids)];
  },
};
