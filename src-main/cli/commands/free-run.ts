// What `porthole free` does when it runs, loaded only then (free.ts defines the command).
import { CollectorError } from '../../core/errors.js';
import { suggestFreePorts } from '../../core/rules/free-ports.js';
import type { Snapshot } from '../../domain/model.js';
import { forFlag, parseCountArg, parsePortArg } from '../args.js';
import { println, warn, type CliContext } from '../context.js';
import { jsonBlock } from '../format/json.js';
import { takeSnapshot } from '../load.js';

export interface FreeOptions {
  near: string;
  count: string;
  udp?: boolean;
  json?: boolean;
}

export async function runFree(ctx: CliContext, options: FreeOptions): Promise<void> {
  const near = forFlag('--near', () => parsePortArg(options.near));
  const count = parseCountArg('--count', options.count, 1, 50);
  // The bind test decides on its own; the snapshot only lets us skip ports in use sooner.
  let snapshot: Snapshot | null = null;
  try {
    snapshot = await takeSnapshot();
  } catch (error) {
    if (!(error instanceof CollectorError)) throw error;
    warn(ctx, `could not collect sockets (${error.message}); checking ports by binding only`);
  }
  const protocol = options.udp ? 'udp' : 'tcp';
  const ports = await suggestFreePorts({ near, count, snapshot, protocol });
  if (options.json) {
    println(ctx, jsonBlock({ ports }));
    return;
  }
  if (ports.length === 0)
    println(ctx, `No free ${protocol.toUpperCase()} ports found near ${near}.`);
  for (const port of ports) println(ctx, String(port));
}
