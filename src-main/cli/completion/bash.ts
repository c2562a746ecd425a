// The bash completion script: a table of each command's subcommands and options, and one function
// that walks the words typed so far to find where the cursor is.
import { flagsOf, isPlainWord, type CompletionCommand } from './tree.js';

interface Node {
  path: string;
  command: CompletionCommand;
}

/** Every command with its path of names from the top ('' for the program itself). */
function nodes(command: CompletionCommand, path = ''): Node[] {
  return [
    { path, command },
    ...command.commands.flatMap((sub) =>
      nodes(sub, path === '' ? sub.name : `${path} ${sub.name}`),
    ),
  ];
}

/** Words as one bash word list, each checked to need no quoting. */
function words(list: readonly string[]): string {
  return `"${list.filter(isPlainWord).join(' ')}"`;
}

/** The case patterns that reach a command: its path, and the same with its aliases. */
function patterns({ path, command }: Node): string {
  const parent = path.includes(' ') ? path.slice(0, path.lastIndexOf(' ') + 1) : '';
  const names = path === '' ? [''] : [command.name, ...command.aliases];
  return names
    .map((name) => `${parent}${name}`)
    .filter((p) => p === '' || isPlainWord(p.replaceAll(' ', '_')))
    .map((p) => `"${p}"`)
    .join('|');
}

function nodeCase(node: Node): string {
  const { command } = node;
  const subs = command.commands.flatMap((c) => [c.name, ...c.aliases]);
  const options = command.options.flatMap(flagsOf);
  const valued = command.options.filter((o) => o.takesValue).flatMap(flagsOf);
  return `    ${patterns(node)}) _subs=${words(subs)}; _opts=${words(options)}; _valued=${words(valued)} ;;`;
}

function choiceCases(node: Node): string[] {
  const lines: string[] = [];
  const at = (key: string) => (node.path === '' ? key : `${node.path}|${key}`);
  for (const option of node.command.options) {
    if (!option.choices) continue;
    for (const flag of flagsOf(option))
      lines.push(`    "${at(flag)}") echo ${words(option.choices)} ;;`);
  }
  // Positions in order, an empty answer for those without choices, so a variadic one's pattern
  // (any position from there on) does not catch an earlier one.
  node.command.arguments.forEach((argument, index) => {
    const pattern = argument.variadic ? `"${at('#')}"*` : `"${at(`#${index + 1}`)}"`;
    lines.push(`    ${pattern}) ${argument.choices ? `echo ${words(argument.choices)}` : ''} ;;`);
  });
  return lines;
}

export function bashScript(tree: CompletionCommand): string {
  const all = nodes(tree);
  const name = tree.name;
  const fn = `_${name.replace(/\W/g, '_')}`;
  return `# bash completion for ${name}, written by \`${name} completion bash\` from its commands.
# Install: ${name} completion bash > ~/.local/share/bash-completion/completions/${name}

${fn}_node() {
  case "$1" in
${all.map(nodeCase).join('\n')}
    *) _subs=""; _opts=""; _valued="" ;;
  esac
}

${fn}_choices() {
  case "$1" in
${all.flatMap(choiceCases).join('\n')}
  esac
}

${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} path="" word i skip="" pos=0 _subs _opts _valued
  ${fn}_node ""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if [[ -n $skip ]]; then skip=""; continue; fi
    if [[ $word == -* ]]; then
      # An option that takes a value takes the next word too (unless given as --opt=value).
      [[ $word != *=* && " $_valued " == *" $word "* ]] && skip=1
      continue
    fi
    if [[ " $_subs " == *" $word "* ]]; then
      path=\${path:+$path }$word; pos=0; ${fn}_node "$path"
    else
      pos=$((pos + 1))
    fi
  done
  local key
  if [[ -n $skip ]]; then
    key=\${COMP_WORDS[COMP_CWORD-1]}
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$_opts" -- "$cur")); return
  elif [[ -n $_subs ]]; then
    COMPREPLY=($(compgen -W "$_subs" -- "$cur")); return
  else
    key="#$((pos + 1))"
  fi
  COMPREPLY=($(compgen -W "$(${fn}_choices "\${path:+$path|}$key")" -- "$cur"))
}

complete -F ${fn} ${name}
`;
}
