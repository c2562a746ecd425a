// Human rendering of exposed ports (reachable from other machines), each with its fix.
import { exposureFix } from '../../domain/exposure.js';
import type { PortSocket } from '../../domain/model.js';
import { exposedPorts } from '../../domain/problems.js';
import type { Palette } from './color.js';
import { printable } from './printable.js';

/** One line per exposed port the user has not acknowledged: the same count the tray and window show. */
export function renderExposures(
  sockets: readonly PortSocket[],
  acknowledged: readonly string[],
  p: Palette,
): string[] {
  return exposedPorts(sockets, acknowledged).flatMap(({ sockets: [socket] }) => {
    const fix = socket ? exposureFix(socket) : null;
    if (socket === undefined || fix === null) return [];
    return [
      `${p.yellow('!')} ${p.bold(`${socket.protocol}/${socket.localPort} exposed`)}: ${printable(fix)}`,
    ];
  });
}
