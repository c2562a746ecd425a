// Container channels: stopping a container through its engine (where the transport allows kill).
import type { ContainerRef } from '../../domain/container.js';
import type { ServiceContext } from '../context.js';
import { serviceError } from '../errors.js';
import { requireKillAllowed } from './process.js';
import type { HandlersFor } from './types.js';

type ContainerChannel = 'porthole:containers:stop';

/** The container with this engine and ID (or ID prefix) behind a port of the current snapshot. */
function containerBehindPort(ctx: ServiceContext, engine: string, id: string): ContainerRef | null {
  for (const s of ctx.monitor.snapshot?.sockets ?? []) {
    const c = s.container;
    if (c && c.engine === engine && (c.id === id || c.id.startsWith(id))) return c;
  }
  return null;
}

export function containerHandlers(ctx: ServiceContext): HandlersFor<ContainerChannel> {
  return {
    'porthole:containers:stop': async ({ engine, id }) => {
      requireKillAllowed(ctx, 'containers');
      const source = ctx.containers;
      if (source === null) {
        throw serviceError('unavailable', 'no container engine is connected to Porthole');
      }
      // Only a container the user can see behind a port: the channel is no general engine remote.
      const container = containerBehindPort(ctx, engine, id);
      if (container === null) {
        throw serviceError(
          'forbidden',
          `no port in Porthole's current list belongs to container ${id.slice(0, 12)} of engine ${engine}; refresh and try again`,
        );
      }
      const result = await source.stop(container.engine, container.id);
      if (result.ok) {
        source.invalidate();
        // Show the port freed at once instead of at the next refresh.
        void ctx.monitor.refresh();
      }
      return result;
    },
  };
}
