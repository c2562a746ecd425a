// The program's commands, options and arguments as plain data, read from commander at run time:
// what the completion scripts are written from.
import type { Command, Option } from 'commander';

export interface CompletionOption {
  /** `-a`, or null. */
  short: string | null;
  /** `--all`, or null. */
  long: string | null;
  description: string;
  /** Takes a value (`--near <port>`): the next word is the value, not a command or option. */
  takesValue: boolean;
  /** The values it accepts, when commander knows them. */
  choices: readonly string[] | null;
}

export interface CompletionArgument {
  name: string;
  required: boolean;
  variadic: boolean;
  choices: readonly string[] | null;
}

export interface CompletionCommand {
  name: string;
  aliases: readonly string[];
  description: string;
  options: CompletionOption[];
  arguments: CompletionArgument[];
  commands: CompletionCommand[];
}

/** A description as a completion menu shows it: its first line, long ones cut at a word. */
function firstLine(text: string, max = 72): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  if (line.length <= max) return line;
  const cut = line.lastIndexOf(' ', max - 1);
  return `${line.slice(0, cut > 0 ? cut : max - 1)}…`;
}

function optionOf(option: Option): CompletionOption {
  return {
    short: option.short ?? null,
    long: option.long ?? null,
    description: firstLine(option.description),
    takesValue: option.required || option.optional,
    choices: option.argChoices ?? null,
  };
}

/** Options a subcommand also accepts from its ancestors (`--json`, `--no-color`); not help or version. */
function inheritedOptions(command: Command, own: CompletionOption[]): CompletionOption[] {
  const seen = new Set(own.flatMap((o) => [o.short, o.long]).filter((f) => f !== null));
  const inherited: CompletionOption[] = [];
  for (let parent = command.parent; parent; parent = parent.parent) {
    for (const option of parent.options) {
      if (option.hidden || option.long === '--version' || option.long === '--help') continue;
      const data = optionOf(option);
      if ([data.short, data.long].some((flag) => flag !== null && seen.has(flag))) continue;
      for (const flag of [data.short, data.long]) if (flag) seen.add(flag);
      inherited.push(data);
    }
  }
  return inherited;
}

/** The tree below `command`, hidden commands and options left out; `help` offers its siblings. */
export function completionTree(command: Command): CompletionCommand {
  const help = command.createHelp();
  const visible = help.visibleCommands(command);
  const names = visible.map((c) => c.name()).filter((name) => name !== 'help');
  const own = help.visibleOptions(command).map(optionOf);
  return {
    name: command.name(),
    aliases: command.aliases(),
    description: firstLine(command.description()),
    options: [...own, ...inheritedOptions(command, own)],
    arguments: command.registeredArguments.map((a) => ({
      name: a.name(),
      required: a.required,
      variadic: a.variadic,
      choices: a.argChoices ?? null,
    })),
    commands: visible.map((sub) => {
      const node = completionTree(sub);
      // commander's implicit `help [command]`: its argument is one of the other commands.
      const implicitHelp = node.name === 'help' && !command.commands.includes(sub);
      if (implicitHelp && node.arguments[0])
        node.arguments = [{ ...node.arguments[0], choices: names }];
      return node;
    }),
  };
}

/** Every flag of an option: `-a`, `--all`. */
export function flagsOf(option: CompletionOption): string[] {
  return [option.short, option.long].filter((flag): flag is string => flag !== null);
}

/** Words a script may hold unquoted: command names, flags and choices are all of this kind. */
export function isPlainWord(word: string): boolean {
  return /^[\w.:@+%,=/-]+$/.test(word);
}
