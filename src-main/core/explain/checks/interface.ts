// `interface`: a server bound to one non-loopback address is not reached through loopback, and a loopback-only one not from elsewhere.
import { formatEndpoint, isLoopback } from '../../../domain/endpoint.js';
import type { ExplainCheck, Finding } from '../check.js';
import {
  finding,
  isLoopbackHost,
  placeAndOwner,
  reachableFromLoopback,
  socketPids,
  targetListeners,
} from '../port-facts.js';

const NAME = 'interface';

export const interfaceCheck: ExplainCheck = {
  name: NAME,
  run(ctx): Promise<Finding[]> {
    const { host, port } = ctx.input.target;
    const situation = ctx.input.situation;
    const listeners = targetListeners(ctx);
    if (
      situation === 'address-in-use' ||
      situation === 'permission-denied' ||
      listeners.length === 0
    ) {
      return Promise.resolve([]);
    }
    const pids = listeners.flatMap(socketPids);
    const where = listeners.map(placeAndOwner).join(', ');
    if (isLoopbackHost(host)) {
      if (listeners.some(reachableFromLoopback)) return Promise.resolve([]);
      const first = listeners[0]!;
      const message = `The server listens only on ${where}, which connections to loopback (127.0.0.1, ::1) do not reach.`;
      const fix = `connect to ${formatEndpoint(first.localAddress, port)}, or bind it to 0.0.0.0 or 127.0.0.1 as well`;
      return Promise.resolve([finding(NAME, 'problem', message, fix, pids)]);
    }
    // A remote or LAN name: a server here that only takes loopback cannot be what it reached.
    if (!listeners.every((s) => isLoopback(s.localAddress))) return Promise.resolve([]);
    const message = `On this machine ${port} listens only on loopback, at ${where}: if ${host} is this machine, other machines cannot reach it.`;
    const fix =
      "bind it to 0.0.0.0 or :: (or this machine's address) so other machines can connect";
    return Promise.resolve([finding(NAME, 'info', message, fix, pids)]);
  },
};
