// What `porthole probe` does when it runs, loaded only then (probe.ts defines the command).
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

export interface ProbeOptions {
  timeout: string;
  json?: boolean;
}

export async function runProbe(
  ctx: CliContext,
  text: string,
  options: ProbeOptions,
): Promise<void> {
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
}
