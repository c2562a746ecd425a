// `porthole conflicts`: shared ports, shadowed localhost and unexpected owners, each with its fix.
import type { Command } from 'commander';
import { CONFLICTS_SPEC } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { specCommand } from '../spec-command.js';

const EXAMPLES = `
Kinds:
  shared-port       separate processes bound to the very same address and port (SO_REUSEPORT)
  shadowed          one port held by different processes on different addresses (e.g. 127.0.0.1
                    and ::1), so the address a client picks for "localhost" decides who answers
  unexpected-owner  a watched port is held by another process than the one expected (settings)
  half-reachable    a TCP port that answers localhost on 127.0.0.1 only (or ::1 only), so clients
                    that try the other family first are refused

Marks: ! error or warning, · hint (worth knowing), i info (deliberate, e.g. SO_REUSEPORT workers
of one parent). Most urgent first.

Finding conflicts is not a failure: the exit code is 0 either way.

Examples:
  $ porthole conflicts
  $ porthole conflicts --json`;

export function conflictsCommand(ctx: CliContext): Command {
  return specCommand(ctx, CONFLICTS_SPEC).addHelpText('after', EXAMPLES);
}
