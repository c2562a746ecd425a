// `porthole serve`: the window in a browser, served on 127.0.0.1 with a secret token, until Ctrl-C.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { ServeOptions } from './serve-run.js';

const EXAMPLES = `
The first line printed is the address to open, with a secret token that changes on every start:
  http://127.0.0.1:PORT/?token=...
Only this machine can connect (127.0.0.1), and only with that token. Ctrl-C stops it (exit 0).

Examples:
  $ porthole serve
  $ porthole serve --port 7777 --open
  $ porthole serve --allow-kill     let the window stop processes`;

export function serveCommand(ctx: CliContext): Command {
  return new Command('serve')
    .description('show the Porthole window in your browser (served on 127.0.0.1 only)')
    .option('--port <port>', 'port to serve on (default: a free one)')
    .option('--allow-kill', 'allow the window to stop processes (off by default)')
    .option('--open', 'open the address in the default browser')
    .addHelpText('after', EXAMPLES)
    .action(async (options: ServeOptions) =>
      (await import('./serve-run.js')).runServe(ctx, options),
    );
}
