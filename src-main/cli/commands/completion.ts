// `porthole completion <shell>`: a completion script for bash, zsh or fish, written from the
// program's own commands and options, so every command (and every one added later) completes.
import { Argument, Command } from 'commander';
import { println, type CliContext } from '../context.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

const EXAMPLES = `
Install (each takes effect in new shells):
  bash  porthole completion bash > ~/.local/share/bash-completion/completions/porthole
  zsh   porthole completion zsh > ~/.zfunc/_porthole   (with fpath+=(~/.zfunc) before compinit)
  fish  porthole completion fish > ~/.config/fish/completions/porthole.fish

Or for this shell only:
  $ source <(porthole completion bash)`;

/** The program a command belongs to: the root of its tree. */
function rootOf(command: Command): Command {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
}

export function completionCommand(ctx: CliContext): Command {
  return new Command('completion')
    .description('print a shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText('after', EXAMPLES)
    .action(async (shell: (typeof SHELLS)[number], _options: object, command: Command) => {
      const { completionScript } = await import('../completion/scripts.js');
      println(ctx, completionScript(shell, rootOf(command)));
    });
}
