// `porthole free`: ports near a wanted one that nothing uses and that bind on every local address.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { FreeOptions } from './free-run.js';

const EXAMPLES = `
The search starts at --near and goes upward first, then downward. A port counts as free only
when 127.0.0.1, ::1, 0.0.0.0 and :: all bind, and no socket (listener or connection) uses it.

Examples:
  $ porthole free
  $ porthole free --near 8080 --count 3
  $ porthole free --near 40000 --json`;

export function freeCommand(ctx: CliContext): Command {
  return new Command('free')
    .description('suggest free ports')
    .option('--near <port>', 'start looking here', '3000')
    .option('--count <n>', 'how many ports to suggest (1-50)', '5')
    .option('--udp', 'look for free UDP ports instead of TCP')
    .option('--json', 'print {ports} as JSON')
    .addHelpText('after', EXAMPLES)
    .action(async (options: FreeOptions) => (await import('./free-run.js')).runFree(ctx, options));
}
