// `porthole list`: every listener (and with --all every connection), then conflicts and caveats.
import type { Command } from 'commander';
import { LIST_SPEC } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { specCommand } from '../spec-command.js';

const EXAMPLES = `
Examples:
  $ porthole list              listeners: who holds which port
  $ porthole list --all        connections too
  $ porthole list --container db --image postgres    only ports of that container / image
  $ porthole list --json | jq '.sockets[] | select(.exposure != "loopback")'`;

export function listCommand(ctx: CliContext): Command {
  return specCommand(ctx, LIST_SPEC).addHelpText('after', EXAMPLES);
}
