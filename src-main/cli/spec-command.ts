// A commander Command from a CommandSpec (cli/command-specs.ts): the same arguments, options and
// body the fast path uses, so a command behaves alike whichever way main runs it.
import { Command } from 'commander';
import type { CommandSpec, OptionValues } from './command-specs.js';
import type { CliContext } from './context.js';

export function specCommand(ctx: CliContext, spec: CommandSpec): Command {
  const command = new Command(spec.name).description(spec.description);
  for (const arg of spec.args) command.argument(`<${arg.name}>`, arg.description);
  for (const option of spec.options) {
    if (option.defaultValue === undefined) command.option(option.flags, option.description);
    else command.option(option.flags, option.description, option.defaultValue);
  }
  // commander calls the action with each argument, then the options, then the command.
  return command.action(async (...params: unknown[]) => {
    const args = params.slice(0, spec.args.length) as string[];
    await spec.run(ctx, args, params[spec.args.length] as OptionValues);
  });
}
