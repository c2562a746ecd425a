// `porthole free`: ports near a wanted one that nothing uses and that bind on every local address.
import { Command } from 'commander';
import { CollectorError } from '../../core/errors.js';
import { suggestFreePorts } from '../../core/rules/free-ports.js';
import type { Snapshot } from '../../domain/model.js';
import { forFlag, parseCountArg, parsePortArg } from '../args.js';
import { println, warn, type CliContext } from '../context.js';
import { jsonBlock } from '../format/json.js';
import { takeSnapshot } from '../load.js';

const EXAMPLES = `
The search starts at --near and goes upward first, then downward. A port counts as free only
when 127.0.0.1, ::1, 0.0.0.0 and :: all bind, and no socket (listener or connection) uses it.

Examples:
  $ porthole free
  $ porthole free --near 8080 --count 3
  $ porthole free --near 40000 --json`;

interface FreeOptions {
  near: string;
  count: string;
  udp?: boolean;
  json?: boolean;
}

export function freeCommand(ctx: CliContext): Command {
  return new Command('free')
    .description('suggest free ports')
    .option('--near <port>', 'start looking here', '3000')
    .option('--count <n>', 'how many ports to suggest (1-50)', '5')
    .option('--udp', 'look for free UDP ports instead of TCP')
    .option('--json', 'print {ports} as JSON')
    .addHelpText('after', EXAMPLES)
    .action(async (options: FreeOptions) => {
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
    });
}
