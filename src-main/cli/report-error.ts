// Maps what a command threw to a message on stderr and an exit code.
import { CollectorError, InputError, describeError } from '../core/errors.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';

export function reportError(ctx: CliContext, error: unknown): number {
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
