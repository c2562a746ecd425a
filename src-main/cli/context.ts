// What every command receives: where to write, whether to color, how wide the terminal is.
import { EXIT } from './exit-codes.js';
import { printableStream } from './format/printable.js';
import { wrapLine } from './format/wrap.js';

/** The bits of a stream the CLI uses; tests and main hand in process.stdout/stderr. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  /** Decided before each command runs, from --no-color, NO_COLOR and whether stdout is a terminal. */
  color: boolean;
  /** Exit code the command asks for; main returns it. */
  exitCode: number;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM); long-running commands await it. */
  interrupted: () => Promise<void>;
}

/**
 * The context main runs commands in: both streams pass printableStream, so nothing reaches the
 * terminal raw; stdout keeps our colors once a command has decided on them, stderr never has any.
 */
export function cliContext(
  stdout: OutputStream,
  stderr: OutputStream,
  env: NodeJS.ProcessEnv,
  interrupted: () => Promise<void>,
): CliContext {
  const ctx: CliContext = {
    stdout: printableStream(stdout, () => ctx.color),
    stderr: printableStream(stderr, () => false),
    env,
    color: false,
    exitCode: EXIT.ok,
    interrupted,
  };
  return ctx;
}

/** Writes one line to stdout. */
export function println(ctx: CliContext, line = ''): void {
  ctx.stdout.write(`${line}\n`);
}

/**
 * Writes a line of prose, wrapped at spaces to the terminal's width with continuation lines
 * indented; piped output stays one line per sentence, for grep. Tables do not come through here.
 */
export function printProse(ctx: CliContext, line: string, hang = 2): void {
  for (const piece of wrapLine(line, terminalWidth(ctx), hang)) println(ctx, piece);
}

/** Writes `porthole: warning: ...` to stderr; warnings never change the exit code. */
export function warn(ctx: CliContext, message: string): void {
  ctx.stderr.write(`porthole: warning: ${message}\n`);
}

/** Terminal width when stdout is a terminal; null (no cutting) when piped. */
export function terminalWidth(ctx: CliContext): number | null {
  return ctx.stdout.isTTY && ctx.stdout.columns ? ctx.stdout.columns : null;
}

/** Colors only for a terminal, and never when NO_COLOR is set (https://no-color.org) or --no-color given. */
export function decideColor(flag: boolean, env: NodeJS.ProcessEnv, stream: OutputStream): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}
