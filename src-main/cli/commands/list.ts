// `porthole list`: every listener (and with --all every connection), then conflicts and caveats.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { ListOptions } from './list-run.js';

const EXAMPLES = `
Examples:
  $ porthole list              listeners: who holds which port
  $ porthole list --all        connections too
  $ porthole list --container db --image postgres    only ports of that container / image
  $ porthole list --json | jq '.sockets[] | select(.exposure != "loopback")'`;

export function listCommand(ctx: CliContext): Command {
  return new Command('list')
    .description('show listening sockets with their process, user and exposure')
    .option('-a, --all', 'also show connections, not only listeners')
    .option(
      '--container <name>',
      'only the ports a container publishes (its name, as `docker ps` shows it)',
    )
    .option('--image <name>', 'only the ports of containers of an image (postgres, postgres:16)')
    .option(
      '--json',
      'print {takenAt, sockets, conflicts, unattributed, unattributedHidden, unattributedByCause, engines} as JSON (unattributed: among the sockets shown; unattributedHidden: how many more --all would show; unattributedByCause: all of them by cause: other-user, kernel, gone, unknown; engines: container engines and whether each answered; each socket has container and forwardsTo, null when not known)',
    )
    .addHelpText('after', EXAMPLES)
    .action(async (options: ListOptions) => (await import('./list-run.js')).runList(ctx, options));
}
