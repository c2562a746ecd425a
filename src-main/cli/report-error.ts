// Maps what a command threw to a message on stderr and an exit code.
import { CommanderError } from 'commander';
import { CollectorError, InputError, describeError } from '../core/errors.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';

/**
 * Commander already printed its message (usage errors) or the help; only the code is left.
 * Help asked for (`--help`, `help`) and `--version` exit 0; help shown because no command was
 * given (commander's exit code 1) and every usage error exit 2.
 */
function commanderExitCode(error: CommanderError): number {
  return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
}

export function reportError(ctx: CliContext, error: unknown): number {
  if (error instanceof CommanderError) return commanderExitCode(error);
  if (error instanceof InputError) {
    ctx.stderr.write(`porthole: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof CollectorError) {
    ctx.stderr.write(`porthole: could not collect sockets: ${error.message}\n`);
    return EXIT.collectFailed;
  }
  ctx.stderr.write(`porthole: unexpected error: ${describeError(error)}\n`);
  if (ctx.env.PORTHOLE_DEBUG && error instanceof Error && error.stack)
    ctx.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}
