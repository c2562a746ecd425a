// Process channels: who a PID is, and stopping it (only where the transport allows kill).
import { inspectProcess, killProcess, type KillOptions } from '../../core/process-control/index.js';
import { forwarderKillRefusal } from '../../domain/container-actions.js';
import { stopOffText } from '../../domain/port-actions.js';
import type { ProcessIdentity } from '../../domain/process.js';
import type { ServiceContext } from '../context.js';
import { serviceError } from '../errors.js';
import type { HandlersFor } from './types.js';

type ProcessChannel = 'porthole:process:inspect' | 'porthole:process:kill';

/** Seams for tests: the grace period and signal sender of kill. */
export type ProcessSeams = Pick<KillOptions, 'graceMs' | 'sendSignal' | 'reader'>;

/** Stopping processes and containers is one permission: off in browser mode without --allow-kill. */
export function requireKillAllowed(ctx: ServiceContext, what: 'processes' | 'containers'): void {
  if (ctx.allowKill) return;
  throw serviceError('forbidden', stopOffText(what, ctx.transport));
}

/**
 * A container engine's forwarder (docker-proxy, conmon, dockerd…) is never killable: stopping it
 * leaves the container running (domain/container-actions.ts says why, naming the container).
 */
function withForwarderRefusal(ctx: ServiceContext, identity: ProcessIdentity): ProcessIdentity {
  if (!identity.killable) return identity;
  const sockets = ctx.monitor.snapshot?.sockets ?? [];
  const reason = forwarderKillRefusal(identity.pid, identity.process, sockets);
  return reason === null ? identity : { ...identity, killable: false, reason };
}

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
    'porthole:process:inspect': async ({ pid }) =>
      withForwarderRefusal(ctx, await inspectProcess(pid, options())),

    'porthole:process:kill': async (request) => {
      requireKillAllowed(ctx, 'processes');
      // The forwarder refusal is decided here, by the PID's name now; killProcess checks the rest.
      const now = await inspectProcess(request.pid, options());
      const sockets = ctx.monitor.snapshot?.sockets ?? [];
      const reason =
        now.process === null ? null : forwarderKillRefusal(now.pid, now.process, sockets);
      if (reason) return { ok: false, signal: null, message: `not stopped: ${reason}` };
      const result = await killProcess(request, options());
      // Show the port freed at once instead of at the next refresh.
      if (result.ok) void ctx.monitor.refresh();
      return result;
    },
  };
}
