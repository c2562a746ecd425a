// Node-free: who a watch names as its owner, and whether that process still holds the port.
import { FATE_WORDS } from './down-cause.js';
import { ownerLabel } from './labels.js';
import { socketOwnerText } from './socket-owner.js';
import { holdsPid, isListener, type PortSocket, type WatchSpec, type WatchState } from './model.js';

/**
 * `node (PID 4121)` while that process listens on the watched port; once it does not, `was node
 * (PID 4121), exited` when the PID holds no socket at all any more, else `was node (PID 4121),
 * stopped listening`. Null when nobody is known. Without a PID or sockets to look at, the owner is
 * named as last seen (`was …` once the watch is down). A container's port reads `postgres
 * (container db) via docker-proxy (PID 5040)`.
 */
export function watchOwnerText(
  spec: Pick<WatchSpec, 'target'>,
  state: Pick<WatchState, 'status' | 'owner'> | null,
  sockets: readonly PortSocket[] | null,
): string | null {
  const owner = state?.owner ?? null;
  const label = owner ? ownerLabel(owner.pid, owner.process) : null;
  if (owner === null || label === null) return null;
  const pid = owner.pid;
  if (pid === null || sockets === null) return state?.status === 'down' ? `was ${label}` : label;
  const held = sockets.find(
    (s) => holdsPid(s, pid) && isListener(s) && s.localPort === spec.target.port,
  );
  if (held) return (held.container ? socketOwnerText(held) : null) ?? label;
  const alive = sockets.some((s) => holdsPid(s, pid));
  return `was ${label}, ${alive ? FATE_WORDS['stopped-listening'] : FATE_WORDS.exited}`;
}
