// Builds the commander program: global options, error output and one subcommand per file.
import { Command, CommanderError } from 'commander';
import { echoInput } from '../core/errors.js';
import { completionCommand } from './commands/completion.js';
import { conflictsCommand } from './commands/conflicts.js';
import { explainCommand } from './commands/explain.js';
import { freeCommand } from './commands/free.js';
import { historyCommand } from './commands/history.js';
import { listCommand } from './commands/list.js';
import { mcpCommand } from './commands/mcp.js';
import { metricsCommand } from './commands/metrics.js';
import { probeCommand } from './commands/probe.js';
import { serveCommand } from './commands/serve.js';
import { statusCommand } from './commands/status.js';
import { watchCommand } from './commands/watch.js';
import { whoCommand } from './commands/who.js';
import { GLOBAL_OPTIONS } from './command-specs.js';
import { decideColor, type CliContext } from './context.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { withDefaultCommand } from './fast-path.js';
import { packageVersion } from './version.js';

const EXAMPLES = `
Without a command, \`porthole\` prints a one-line status (\`porthole status\`) and exits 0.

Examples:
  $ porthole                       listening ports, problems, watches down: one line
  $ porthole list                  who holds which port
  $ porthole who 3000              who holds 3000, and who answers localhost:3000
  $ porthole conflicts             ports where two processes get in each other's way
  $ porthole explain 'connect ECONNREFUSED 127.0.0.1:3000'   why, and what to do
  $ porthole watch 5432            report when 5432 goes down or changes owner
  $ porthole probe 127.0.0.1:8080  is anything answering there?
  $ porthole free --near 8000      ports you can use
  $ porthole history --since 1h    what happened lately
  $ porthole mcp                   tools for coding agents (Model Context Protocol, stdio)
  $ porthole metrics               Prometheus metrics on http://127.0.0.1:9464/metrics
  $ porthole completion bash       shell completion (bash, zsh, fish)`;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('porthole')
    .description('Who holds which local port, why ports conflict, and when watched ports go down.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option(GLOBAL_OPTIONS.color.flags, GLOBAL_OPTIONS.color.description)
    .option(GLOBAL_OPTIONS.json.flags, GLOBAL_OPTIONS.json.description)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      // Widths and colors from our streams too, never from process.stdout/stderr: help written to
      // a pipe then creates no Node stream (cli/process-output.ts). Help has no colors of its own.
      getOutHelpWidth: () => (ctx.stdout.isTTY && ctx.stdout.columns ? ctx.stdout.columns : 80),
      getErrHelpWidth: () => (ctx.stderr.isTTY && ctx.stderr.columns ? ctx.stderr.columns : 80),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      // `error: unknown option '--bogus'` becomes `porthole: unknown option '--bogus'`; commander
      // quotes what the user typed in '…', which is cut like every other echo of input.
      outputError: (text, write) =>
        write(
          text
            .replace(/^error: /, 'porthole: ')
            .replace(/'([^'\n]*)'/g, (_, typed: string) => `'${echoInput(typed)}'`),
        ),
    })
    .addHelpText('after', `${EXAMPLES}\n${EXIT_CODES_HELP}`)
    .hook('preAction', (program, action) => {
      const { color, json } = program.opts<{ color?: boolean; json?: boolean }>();
      ctx.color = decideColor(color !== false, ctx.env, ctx.stdout);
      // The program's --json takes the flag wherever it stands (`porthole --json list` and
      // `porthole list --json`); hand it to the command, whose own option documents the shape.
      if (json) action.setOptionValue('json', true);
    });

  const commands = [
    statusCommand,
    listCommand,
    whoCommand,
    conflictsCommand,
    explainCommand,
    watchCommand,
    probeCommand,
    freeCommand,
    historyCommand,
    serveCommand,
    mcpCommand,
    metricsCommand,
    completionCommand,
  ];
  for (const make of commands) {
    // addCommand (unlike .command()) does not pass on exitOverride and the output settings.
    program.addCommand(make(ctx).copyInheritedSettings(program));
  }
  return program;
}

/**
 * Parses `argv` with commander and runs the command it names. Commander already printed its
 * message (usage errors) or the help; only the exit code is left: help asked for (`--help`, `help`)
 * and `--version` exit 0, help shown because no command was given (commander's 1) and every usage
 * error exit 2.
 */
export async function runProgram(ctx: CliContext, argv: readonly string[]): Promise<void> {
  try {
    await buildProgram(ctx).parseAsync(withDefaultCommand(argv), { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    ctx.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
}
