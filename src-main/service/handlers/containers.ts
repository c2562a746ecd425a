// Container channels: stopping a container through its engine (where the transport allows kill).
import type { ServiceContext } from '../context.js';
import { serviceError } from '../errors.js';
import type { HandlersFor } from './types.js';

type ContainerChannel = 'porthole:containers:stop';

export function containerHandlers(ctx: ServiceContext): HandlersFor<ContainerChannel> {
  return {
    'porthole:containers:stop': () => {
      // The engine source lands with issue 9's engine layer; until then no engine is connected.
      throw serviceError('unavailable', `no container engine is connected (${ctx.transport})`);
    },
  };
}
