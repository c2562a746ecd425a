// `porthole explain <what...>`: from a pasted error, URL, host:port or port to the cause in one sentence and the fix.
import { Command } from 'commander';
import {
  CHECKS,
  explain,
  machineContext,
  type Explanation,
  type Finding,
} from '../../core/explain/index.js';
import { CollectorError, InputError } from '../../core/errors.js';
import { HistoryLog } from '../../core/history/history-log.js';
import { isExplainInputError, parseExplainInput } from '../../domain/explain-input.js';
import type { Snapshot } from '../../domain/model.js';
import { printProse, println, warn, type CliContext } from '../context.js';
import { palette, type Palette } from '../format/color.js';
import { SEVERITY_MARK } from '../format/conflicts.js';
import { jsonBlock } from '../format/json.js';
import { printable } from '../format/printable.js';
import { loadSettings, reportSnapshotWarnings, takeSnapshot } from '../load.js';

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

const LEGEND = '! problem   i info   ✓ fine   - skipped (with why)';

function mark(f: Finding, p: Palette): string {
  switch (f.status) {
    case 'problem':
      return p.red(SEVERITY_MARK.error);
    case 'info':
      return p.dim(SEVERITY_MARK.info);
    case 'ok':
      return p.green('✓');
    case 'skipped':
      return p.dim('-');
  }
}

function printHuman(ctx: CliContext, result: Explanation): void {
  const p = palette(ctx.color);
  printProse(ctx, p.bold(printable(result.verdict)));
  println(ctx);
  for (const f of result.findings) {
    printProse(ctx, `${mark(f, p)} ${p.dim(`${f.check}:`)} ${printable(f.message)}`, 4);
    if (f.fix) printProse(ctx, `    ${p.dim('fix:')} ${printable(f.fix)}`, 5);
  }
  if (result.findings.length > 0) println(ctx, p.dim(LEGEND));
}

async function snapshotOrNull(ctx: CliContext): Promise<Snapshot | null> {
  try {
    const snapshot = await takeSnapshot();
    reportSnapshotWarnings(ctx, snapshot);
    return snapshot;
  } catch (error) {
    if (!(error instanceof CollectorError)) throw error;
    warn(ctx, `could not collect sockets (${error.message}); explaining without them`);
    return null;
  }
}

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
      .action(async (words: string[], options: { json?: boolean }) => {
        const input = parseExplainInput(words);
        if (isExplainInputError(input)) throw new InputError(input.error);
        const settings = await loadSettings(ctx);
        const snapshot = await snapshotOrNull(ctx);
        const history = new HistoryLog({ limit: settings.preferences.historyLimit });
        const result = await explain(input, machineContext(input, snapshot, { history }), CHECKS);
        if (options.json) println(ctx, jsonBlock(result));
        else printHuman(ctx, result);
      })
  );
}
