// `porthole watch`: follows one port (or host:port) and prints up/down/owner changes as they happen.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { WatchOptions } from './watch-run.js';

const EXAMPLES = `
The first line states the initial state (up or down); after that one line per change:
up, down, owner-changed (another process took the port, or not the --expect one), flapping.
Changes are also written to the history (see \`porthole history\`). Ctrl-C stops it (exit 0).

With --once: one check, one line, exit 0 when up and 1 when down (not written to history).

Examples:
  $ porthole watch 3000
  $ porthole watch 5432 --expect postgres --interval 2
  $ porthole watch 5432 --expect container:db
  $ porthole watch db.internal:5432 --failures 3 --save
  $ porthole watch 8080 --once && echo "dev server is up"
  $ porthole watch 3000 --json | jq -r 'select(.event == "down") | .at'`;

export function watchCommand(ctx: CliContext): Command {
  return new Command('watch')
    .description('watch a port and report when it goes up or down or changes owner')
    .argument('<target>', 'a local port (3000) or host:port (db.internal:5432, [::1]:8080)')
    .option('--interval <seconds>', 'time between checks (at least 0.5)', '5')
    .option('--failures <n>', 'failed checks in a row before it counts as down', '2')
    .option(
      '--expect <name>',
      'who is expected to hold it: a process name, container:NAME or image:NAME; another owner is reported as owner-changed',
    )
    .option('--label <text>', 'a name for the watch (shown by the tray app)')
    .option('--once', 'check once, print the state and exit: 0 up, 1 down')
    .option('--save', 'also store the watch in settings, for the tray app')
    .option('--json', 'print one JSON object per event: {at, target, event, pid, process, detail}')
    .addHelpText('after', EXAMPLES)
    .action(async (target: string, options: WatchOptions) =>
      (await import('./watch-run.js')).runWatch(ctx, target, options),
    );
}
