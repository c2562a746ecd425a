// `porthole explain <what...>`: from a pasted error, URL, host:port or port to the cause in one sentence and the fix.
import { Command } from 'commander';
import type { CliContext } from '../context.js';

const EXAMPLES = `
Paste the error as it was printed (quote it, or give it as several words). Porthole reads the
address, port and kind of failure from it, looks at this machine's sockets, and says what is wrong.

Examples:
  $ porthole explain 'connect ECONNREFUSED 127.0.0.1:3000'
  $ porthole explain listen EADDRINUSE: address already in use :::3000
  $ porthole explain "curl: (7) Failed to connect to localhost port 8080: Connection refused"
  $ porthole explain http://localhost:5173/
  $ porthole explain 5432 --json

--json prints {input, target: {host, port, protocol}, situation, verdict,
findings: [{check, status, message, fix, pids}]}; status is problem, info, ok or skipped.
Exit 0 whenever a diagnosis was printed (whatever it says), 2 when no port could be read.`;

export function explainCommand(ctx: CliContext): Command {
  return (
    new Command('explain')
      .description(
        'explain a connection or bind error (or a port, host:port, URL): the cause and the fix',
      )
      .argument('<what...>', 'a pasted error line, a URL, host:port, [::1]:port or a port')
      .option('--json', 'print {input, target, situation, verdict, findings} as JSON')
      // A pasted error may hold words that look like options (`-p`, `--port=3000`): they are text.
      .allowUnknownOption()
      .addHelpText('after', EXAMPLES)
      .action(async (words: string[], options: { json?: boolean }) =>
        (await import('./explain-run.js')).runExplain(ctx, words, options),
      )
  );
}
