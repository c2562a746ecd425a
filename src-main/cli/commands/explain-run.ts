// What `porthole explain` does when it runs, loaded only then (explain.ts defines the command).
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

export async function runExplain(
  ctx: CliContext,
  words: string[],
  options: { json?: boolean },
): Promise<void> {
  const input = parseExplainInput(words);
  if (isExplainInputError(input)) throw new InputError(input.error);
  const settings = await loadSettings(ctx);
  const snapshot = await snapshotOrNull(ctx);
  const history = new HistoryLog({ limit: settings.preferences.historyLimit });
  const result = await explain(input, machineContext(input, snapshot, { history }), CHECKS);
  if (options.json) println(ctx, jsonBlock(result));
  else printHuman(ctx, result);
}
