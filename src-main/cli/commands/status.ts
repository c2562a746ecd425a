// `porthole status` (and bare `porthole`): one line — listening ports, problems by severity, watches down.
import { Command } from 'commander';
import type { CliContext } from '../context.js';

const EXAMPLES = `
Counts the same problems the tray and the window show (conflicts, down watches, exposed ports),
checking each saved watch once. The exit code is 0 whatever the status; \`porthole conflicts\`,
\`porthole list\` and \`porthole watch\` tell more.

Examples:
  $ porthole
  $ porthole status --json`;

export function statusCommand(ctx: CliContext): Command {
  return new Command('status')
    .description('one line: listening ports, problems, watches down (what bare `porthole` prints)')
    .option(
      '--json',
      'print {line, listening, problems, severities: {error, warning, hint, info}, watches, watchesDown, watchStates: [{id, target, label, status, pid, process, error}]} as JSON',
    )
    .addHelpText('after', EXAMPLES)
    .action(async (options: { json?: boolean }) =>
      (await import('./status-run.js')).runStatus(ctx, options),
    );
}
