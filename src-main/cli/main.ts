// Entry of the `porthole` CLI: composes context, the command (by the fast path when the command
// line is plain, else commander) and error reporting; returns the exit code.
import { FAST_COMMANDS } from './command-specs.js';
import { cliContext, decideColor } from './context.js';
import { fastRoute } from './fast-path.js';
import { waitForInterrupt } from './interrupt.js';
import { reportError } from './report-error.js';

export async function main(argv: string[]): Promise<number> {
  const ctx = cliContext(process.stdout, process.stderr, process.env, waitForInterrupt);
  // A closed pipe (`porthole watch 3000 | head -1`) ends the command quietly, like other tools.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ctx.exitCode);
  });
  try {
    const route = fastRoute(argv, FAST_COMMANDS);
    if (route) {
      // What the program's preAction hook does for commander (cli/program.ts).
      ctx.color = decideColor(route.color, ctx.env, ctx.stdout);
      await route.spec.run(ctx, route.args, route.options);
      // A fast command has answered once its body resolves: what it reads is awaited, it keeps no
      // server, and what may still be pending (an engine request, a probe's socket) only holds the
      // loop open. Exiting as soon as its output is out skips that wait and Node's teardown (freeing
      // the heap, a garbage collection still scheduled): ~2-3 ms of a `list` or `who` start.
      await written(process.stdout);
      await written(process.stderr);
      process.exit(ctx.exitCode);
    } else {
      await (await import('./program.js')).runProgram(ctx, argv);
    }
    return ctx.exitCode;
  } catch (error) {
    return reportError(ctx, error);
  }
}

/**
 * Resolves once everything written to `stream` so far has been handed to the system: an empty write
 * calls back after the writes before it (a pipe is asynchronous on macOS and Windows).
 */
function written(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
