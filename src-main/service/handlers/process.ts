// Process channels: who a PID is, and stopping it (only where the transport allows kill).
import { inspectProcess, killProcess, type KillOptions } from '../../core/process-control/index.js';
import type { ServiceContext } from '../context.js';
import { serviceError } from '../errors.js';
import type { HandlersFor } from './types.js';

type ProcessChannel = 'porthole:process:inspect' | 'porthole:process:kill';

/** Seams for tests: the grace period and signal sender of kill. */
export type ProcessSeams = Pick<KillOptions, 'graceMs' | 'sendSignal' | 'reader'>;

export function processHandlers(
  ctx: ServiceContext,
  seams: ProcessSeams = {},
): HandlersFor<ProcessChannel> {
  const options = (): KillOptions => ({
    ...seams,
    protectedProcesses: ctx.preferences().protectedProcesses,
    clock: ctx.clock,
  });
  return {
    'porthole:process:inspect': ({ pid }) => inspectProcess(pid, options()),

    'porthole:process:kill': async (request) => {
      if (!ctx.allowKill) {
        throw serviceError(
          'forbidden',
          ctx.transport === 'http'
            ? 'stopping processes is off in browser mode; restart with `porthole serve --allow-kill` to allow it'
            : 'stopping processes is not allowed here',
        );
      }
      const result = await killProcess(request, options());
      // Show the port freed at once instead of at the next refresh.
      if (result.ok) void ctx.monitor.refresh();
      return result;
    },
  };
}
