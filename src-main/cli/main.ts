// Entry of the `porthole` CLI: composes context, program and error reporting; returns the exit code.
import { cliContext } from './context.js';
import { waitForInterrupt } from './interrupt.js';
import { buildProgram, withDefaultCommand } from './program.js';
import { reportError } from './report-error.js';

export async function main(argv: string[]): Promise<number> {
  const ctx = cliContext(process.stdout, process.stderr, process.env, waitForInterrupt);
  // A closed pipe (`porthole watch 3000 | head -1`) ends the command quietly, like other tools.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ctx.exitCode);
  });
  try {
    await buildProgram(ctx).parseAsync(withDefaultCommand(argv), { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(ctx, error);
  }
}
