// Entry of the `porthole` CLI: composes context, the command (by the fast path when the command
// line is plain, else commander) and error reporting; returns the exit code.
import { FAST_COMMANDS } from './command-specs.js';
import { cliContext, decideColor, type CliContext } from './context.js';
import { asksHelpOrVersion, fastRoute } from './fast-path.js';
import { waitForInterrupt } from './interrupt.js';
import { processOutput } from './process-output.js';
import { reportError } from './report-error.js';

export async function main(argv: string[]): Promise<number> {
  const route = fastRoute(argv, FAST_COMMANDS);
  if (route) {
    return answerOnce(async (ctx) => {
      // What the program's preAction hook does for commander (cli/program.ts).
      ctx.color = decideColor(route.color, ctx.env, ctx.stdout);
      await route.spec.run(ctx, route.args, route.options);
    });
  }
  if (asksHelpOrVersion(argv)) return answerOnce((ctx) => runProgram(ctx, argv));
  const ctx = cliContext(process.stdout, process.stderr, process.env, waitForInterrupt);
  // A closed pipe (`porthole watch 3000 | head -1`) ends the command quietly, like other tools.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ctx.exitCode);
  });
  try {
    await runProgram(ctx, argv);
    return ctx.exitCode;
  } catch (error) {
    return reportError(ctx, error);
  }
}

async function runProgram(ctx: CliContext, argv: string[]): Promise<void> {
  await (await import('./program.js')).runProgram(ctx, argv);
}

/**
 * A command that writes its answer once (a fast command, help, the version): its output goes
 * straight to a pipe or file (cli/process-output.ts), and the process exits as soon as that output
 * is out.
 */
async function answerOnce(body: (ctx: CliContext) => Promise<void>): Promise<number> {
  const closed = (): never => process.exit(ctx.exitCode);
  const stdout = processOutput(1, () => process.stdout, closed);
  const stderr = processOutput(2, () => process.stderr, closed);
  const ctx = cliContext(stdout, stderr, process.env, waitForInterrupt);
  try {
    await body(ctx);
  } catch (error) {
    ctx.exitCode = reportError(ctx, error);
  }
  // The command has answered once its body resolves: what it reads is awaited, it keeps no server,
  // and what may still be pending (an engine request, a probe's socket) only holds the loop open.
  // Exiting as soon as its output is out skips that wait and Node's teardown (freeing the heap, a
  // garbage collection still scheduled): ~2-3 ms of a `list` or `who` start.
  await stdout.flushed();
  await stderr.flushed();
  return process.exit(ctx.exitCode);
}
