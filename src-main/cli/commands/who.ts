// `porthole who PORT`: who holds a port on each address, who answers "localhost", and why they differ.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { WhoOptions } from './who-run.js';

const EXAMPLES = `
"localhost" may mean 127.0.0.1 or ::1 depending on the client, and each can reach a different
process: \`who\` connects to every loopback address once and names the listener behind each.

Examples:
  $ porthole who 3000
  $ porthole who 5432 --json`;

export function whoCommand(ctx: CliContext): Command {
  return new Command('who')
    .description('show who holds a port, and who answers when a client connects to localhost')
    .argument('<port>', 'the port, 1-65535')
    .option('--timeout <seconds>', 'how long each localhost probe may take', '1')
    .option('--json', 'print {port, sockets, conflicts, answers} as JSON')
    .addHelpText('after', EXAMPLES)
    .action(async (text: string, options: WhoOptions) =>
      (await import('./who-run.js')).runWho(ctx, text, options),
    );
}
