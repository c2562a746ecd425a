// `porthole who PORT`: who holds a port on each address, who answers "localhost", and why they differ.
import type { Command } from 'commander';
import { WHO_SPEC } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { specCommand } from '../spec-command.js';

const EXAMPLES = `
"localhost" may mean 127.0.0.1 or ::1 depending on the client, and each can reach a different
process: \`who\` connects to every loopback address once and names the listener behind each.

Examples:
  $ porthole who 3000
  $ porthole who 5432 --json`;

export function whoCommand(ctx: CliContext): Command {
  return specCommand(ctx, WHO_SPEC).addHelpText('after', EXAMPLES);
}
