// `porthole probe host:port`: one TCP connect; exit 1 when nothing answers.
import { Command } from 'commander';
import { probeTcp } from '../../core/watches/prober.js';
import { parseWatchTarget } from '../../core/watches/watch-target.js';
import { parseSecondsArg } from '../args.js';
import { printProse, println, type CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { palette } from '../format/color.js';
import { probeErrorText } from '../../domain/probe-text.js';
import { jsonBlock, probeJson } from '../format/json.js';
import { addressLabel } from '../format/sockets.js';
import { formatMs } from '../format/time.js';

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
    .action(async (text: string, options: { timeout: string; json?: boolean }) => {
      const target = parseWatchTarget(text);
      const timeoutMs = parseSecondsArg('--timeout', options.timeout, 0.01, 60);
      const result = await probeTcp(target.host ?? 'localhost', target.port, timeoutMs);
      ctx.exitCode = result.open ? EXIT.ok : EXIT.negative;
      if (options.json) {
        println(ctx, jsonBlock(probeJson(result)));
        return;
      }
      const p = palette(ctx.color);
      const where = addressLabel(result.address, target.port);
      if (result.open) println(ctx, `${where} ${p.green('open')} (${formatMs(result.ms)})`);
      else {
        // "refused" comes back with a time; "timed out" and "no such host" have none worth showing.
        const time = result.ms === null ? '' : ` after ${formatMs(result.ms)}`;
        printProse(ctx, `${where} ${p.red(probeErrorText(result.error))}${time}`);
      }
    });
}
