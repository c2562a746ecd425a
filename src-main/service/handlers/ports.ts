// Port channels: who is on a port, probing a target, and suggesting free ports.
import type { WhoResult } from '../../shared/contract.js';
import { suggestFreePorts } from '../../core/rules/free-ports.js';
import { probeTcp, whoAnswers } from '../../core/watches/prober.js';
import { parseWatchTarget } from '../../core/watches/watch-target.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from './types.js';

type PortChannel = 'porthole:ports:who' | 'porthole:ports:probe' | 'porthole:ports:free';

export function portHandlers(ctx: ServiceContext): HandlersFor<PortChannel> {
  return {
    'porthole:ports:who': async ({ port }): Promise<WhoResult> => {
      // A detail view wants the port as it is now; a failed collection falls back to the last one.
      const snapshot = (await ctx.monitor.refresh()) ?? ctx.monitor.snapshot;
      const sockets = (snapshot?.sockets ?? []).filter((s) => s.localPort === port);
      const conflicts = ctx.monitor.conflicts.filter((c) => c.port === port);
      const answers = await whoAnswers(port, { snapshot });
      return { port, sockets, conflicts, answers };
    },

    'porthole:ports:probe': ({ target }) => {
      const parsed = parseWatchTarget(target);
      // A bare port means this machine, as a client would reach it: by the name localhost.
      return probeTcp(parsed.host ?? 'localhost', parsed.port);
    },

    'porthole:ports:free': ({ near, count }) =>
      suggestFreePorts({ near, count, snapshot: ctx.monitor.snapshot }),
  };
}
