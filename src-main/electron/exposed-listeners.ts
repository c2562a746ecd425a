// Listeners other machines can reach that the user has not acknowledged yet.
import { isListener, type PortSocket } from '../domain/model.js';
import { exposureKey } from '../service/index.js';

export { exposureKey };

export function isExposed(s: PortSocket): boolean {
  return isListener(s) && (s.exposure === 'all-interfaces' || s.exposure === 'network');
}

export function unacknowledgedExposed(
  sockets: readonly PortSocket[],
  acknowledged: readonly string[],
): PortSocket[] {
  const known = new Set(acknowledged);
  return sockets.filter((s) => isExposed(s) && !known.has(exposureKey(s)));
}
