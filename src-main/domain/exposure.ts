// Node-free: where a listener can be reached from, which listeners count as exposed, and the fix.
import { isLoopback, isWildcard, loopbackOf } from './endpoint.js';
import { isListener, type Exposure, type PortSocket } from './model.js';

/** Where a listener on this address can be reached from. */
export function classifyExposure(localAddress: string): Exposure {
  if (isLoopback(localAddress)) return 'loopback';
  if (isWildcard(localAddress)) return 'all-interfaces';
  return 'network';
}

/** A listener other machines can reach: bound to every interface or to a network address. */
export function isExposed(s: PortSocket): boolean {
  return isListener(s) && (s.exposure === 'all-interfaces' || s.exposure === 'network');
}

/** Identity of an exposed listener for acknowledgements: `tcp:0.0.0.0:5432`. */
export function exposureKey(
  socket: Pick<PortSocket, 'protocol' | 'localAddress' | 'localPort'>,
): string {
  return `${socket.protocol}:${socket.localAddress}:${socket.localPort}`;
}

/** One line on what to do about an exposed listener; null when it is loopback-only. */
export function exposureFix(
  socket: Pick<PortSocket, 'localAddress' | 'localPort' | 'family' | 'process'>,
): string | null {
  const exposure = classifyExposure(socket.localAddress);
  if (exposure === 'loopback') return null;
  const who = socket.process ?? 'the process';
  const loop = loopbackOf(socket.family);
  if (exposure === 'all-interfaces') {
    return `${who} accepts connections on every interface; if only this machine needs port ${socket.localPort}, bind it to ${loop} (e.g. --host ${loop}) or firewall it.`;
  }
  return `${who} listens on network address ${socket.localAddress}; other machines on that network can reach port ${socket.localPort}. Bind to ${loop} if that is not intended.`;
}
