// `porthole status` (and bare `porthole`): one line — listening ports, problems by severity, watches down.
import type { Command } from 'commander';
import { STATUS_SPEC } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { specCommand } from '../spec-command.js';

const EXAMPLES = `
Counts the same problems the tray and the window show (conflicts, down watches, exposed ports),
checking each saved watch once. The exit code is 0 whatever the status; \`porthole conflicts\`,
\`porthole list\` and \`porthole watch\` tell more.

Examples:
  $ porthole
  $ porthole status --json`;

export function statusCommand(ctx: CliContext): Command {
  return specCommand(ctx, STATUS_SPEC).addHelpText('after', EXAMPLES);
}
