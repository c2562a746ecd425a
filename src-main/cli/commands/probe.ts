// `porthole probe host:port`: one TCP connect; exit 1 when nothing answers.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { ProbeOptions } from './probe-run.js';

const EXAMPLES = `
A bare port probes "localhost" (whatever it resolves to first); use \`porthole who PORT\`
to try every loopback address. Exit code 0 when open, 1 when refused, timed out, unreachable
or the name does not resolve.

Examples:
  $ porthole probe 127.0.0.1:5432
  $ porthole probe [::1]:3000 --timeout 0.2
  $ porthole probe db.internal:5432 --json`;

export function probeCommand(ctx: CliContext): Command {
  return new Command('probe')
    .description('try one TCP connection to host:port and report open/closed with the time taken')
    .argument('<host:port>', 'what to connect to, e.g. 127.0.0.1:3000, [::1]:3000, db.local:5432')
    .option('--timeout <seconds>', 'give up after this long', '1')
    .option('--json', 'print {address, family, open, ms, error} as JSON')
    .addHelpText('after', EXAMPLES)
    .action(async (text: string, options: ProbeOptions) =>
      (await import('./probe-run.js')).runProbe(ctx, text, options),
    );
}
