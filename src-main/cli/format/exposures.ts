// Human rendering of exposed listeners (reachable from other machines), each with its fix.
import { exposureFix } from '../../core/rules/exposure.js';
import { exposureKey, isListener, type PortSocket } from '../../domain/model.js';
import type { Palette } from './color.js';
import { printable } from './printable.js';

/** Lines for listeners exposed beyond loopback that the user has not acknowledged. */
export function renderExposures(
  sockets: readonly PortSocket[],
  acknowledged: readonly string[],
  p: Palette,
): string[] {
  const seen = new Set<string>();
  return sockets.flatMap((socket) => {
    const fix = isListener(socket) ? exposureFix(socket) : null;
    const key = exposureKey(socket);
    if (fix === null || acknowledged.includes(key) || seen.has(key)) return [];
    seen.add(key);
    return [
      `${p.yellow('!')} ${p.bold(`${socket.protocol}/${socket.localPort} exposed`)}: ${printable(fix)}`,
    ];
  });
}
