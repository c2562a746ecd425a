// The zsh completion script: _arguments specs per command, _describe for the command names.
import { flagsOf, isPlainWord, type CompletionArgument, type CompletionCommand } from './tree.js';

/** One single-quoted zsh word. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Text inside an _arguments `[...]` or after a `name:` in _describe: backslash its specials. */
function escape(text: string): string {
  return text.replace(/[\\[\]:]/g, (c) => `\\${c}`);
}

function choiceAction(choices: readonly string[] | null): string {
  return choices ? `(${choices.filter(isPlainWord).join(' ')})` : '';
}

function optionSpecs(command: CompletionCommand): string[] {
  return command.options.flatMap((option) =>
    flagsOf(option).map((flag) => {
      const explanation = `[${escape(option.description)}]`;
      if (!option.takesValue) return quote(`${flag}${explanation}`);
      // `=`: the value may follow as --opt=value or as the next word.
      const value = `:${escape(flag.replace(/^-+/, ''))}:${choiceAction(option.choices)}`;
      return quote(`${flag}=${explanation}${value}`);
    }),
  );
}

function argumentSpec(argument: CompletionArgument, index: number): string {
  const position = argument.variadic ? '*' : String(index + 1);
  const optional = argument.required || argument.variadic ? '' : ':';
  return quote(`${position}:${optional}${escape(argument.name)}:${choiceAction(argument.choices)}`);
}

function commandCase(command: CompletionCommand): string {
  const specs = [...optionSpecs(command), ...command.arguments.map(argumentSpec)];
  const names = [command.name, ...command.aliases].filter(isPlainWord).join('|');
  return `        ${names})\n          _arguments \\\n            ${specs.join(' \\\n            ')}\n          ;;`;
}

export function zshScript(tree: CompletionCommand): string {
  const name = tree.name;
  const fn = `_${name.replace(/\W/g, '_')}`;
  const described = tree.commands
    .filter((c) => isPlainWord(c.name))
    .map((c) => quote(`${c.name}:${escape(c.description)}`));
  return `#compdef ${name}
# zsh completion for ${name}, written by \`${name} completion zsh\` from its commands.
# Install: ${name} completion zsh > ~/.zfunc/_${name}   (with fpath+=(~/.zfunc) before compinit)

${fn}() {
  local curcontext="$curcontext" state line
  local -a commands
  _arguments -C \\
    ${optionSpecs(tree).join(' \\\n    ')} \\
    '1: :->command' \\
    '*:: :->args'
  case $state in
    command)
      commands=(
        ${described.join('\n        ')}
      )
      _describe -t commands '${name} command' commands
      ;;
    args)
      case $line[1] in
${tree.commands.map(commandCase).join('\n')}
      esac
      ;;
  esac
}

if [ "$funcstack[1]" = "${fn}" ]; then
  ${fn} "$@"
else
  compdef ${fn} ${name}
fi
`;
}
