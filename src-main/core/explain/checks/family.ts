// `family`: where the client's host leads (which addresses, in which order) against where the server listens.
import { formatEndpoint, isLoopback } from '../../../domain/endpoint.js';
import { bindCommand, genericBindHint } from '../../../domain/recognise.js';
import type { PortSocket } from '../../../domain/model.js';
import { normalizeAddress } from '../../platform/address.js';
import { listenerReachedBy } from '../../watches/prober.js';
import type { ExplainCheck, ExplainContext, Finding } from '../check.js';
import {
  addressText,
  finding,
  isLoopbackHost,
  placeAndOwner,
  socketPids,
  targetListeners,
} from '../port-facts.js';

const NAME = 'family';
const LOOPBACKS = ['127.0.0.1', '::1'];

/** Where the client went: the literal it printed, else what the name resolves to, in order. */
async function clientAddresses(ctx: ExplainContext, host: string): Promise<string[]> {
  const literal = normalizeAddress(host);
  if (literal) return [literal.address];
  const found = await ctx.resolve(host).catch(() => []);
  const out: string[] = [];
  for (const entry of found) {
    const a = normalizeAddress(entry.address, entry.family)?.address;
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

function familyFix(listener: PortSocket, address: string, port: number): string {
  const command = bindCommand(listener, 'both-families');
  const other = `connect to ${formatEndpoint(address, port)}`;
  return command
    ? `make it listen on both families (${command}), or ${other}`
    : `make it listen on ${genericBindHint('both-families')} (${other})`;
}

export const familyCheck: ExplainCheck = {
  name: NAME,
  async run(ctx): Promise<Finding[]> {
    const { host, port, protocol } = ctx.input.target;
    if (!ctx.snapshot || !isLoopbackHost(host)) return [];
    if (ctx.input.situation !== 'connect-refused' && ctx.input.situation !== 'reachability')
      return [];
    const listeners = targetListeners(ctx);
    if (listeners.length === 0) return [];
    const name = host ?? 'localhost';
    const addresses = (await clientAddresses(ctx, name)).filter(isLoopback);
    const first = addresses[0];
    if (first === undefined) return [];
    const reach = (a: string): PortSocket | null =>
      listenerReachedBy(ctx.snapshot, a, port, protocol);
    const order =
      addresses.length > 1
        ? ` (${name} resolves to ${addresses.map(addressText).join(', then ')})`
        : '';
    const reached = reach(first);
    if (reached) {
      const missed = addresses.filter((a) => !reach(a));
      if (missed.length === 0) {
        return [
          finding(
            NAME,
            'ok',
            `${addressText(first)} reaches ${placeAndOwner(reached)}${order}.`,
            null,
            socketPids(reached),
          ),
        ];
      }
      const message = `${name} also resolves to ${missed.map(addressText).join(', ')}, where nothing listens on ${port}; clients that try it first are refused.`;
      return [finding(NAME, 'info', message, familyFix(reached, first, port), socketPids(reached))];
    }
    // Nothing behind the address the client took: is the server on the other family's loopback?
    const other = LOOPBACKS.filter((a) => a !== first).map((a) => ({ a, s: reach(a) }));
    const found = other.find((o) => o.s !== null);
    if (!found?.s) return [];
    const where = listeners.filter((s) => s.family === found.s!.family).map(placeAndOwner);
    const client = host === null ? 'A client of localhost goes to' : 'Your client went to';
    const message = `${client} ${addressText(first)}${order}, the server listens only on ${where.join(', ')}.`;
    return [
      finding(NAME, 'problem', message, familyFix(found.s, found.a, port), socketPids(found.s)),
    ];
  },
};
