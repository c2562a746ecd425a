// The fish completion script: one `complete` line per command and per option.
import { flagsOf, isPlainWord, type CompletionCommand, type CompletionOption } from './tree.js';

/** One single-quoted fish word. */
function quote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function optionLine(name: string, condition: string | null, option: CompletionOption): string {
  const parts = [`complete -c ${name}`];
  if (condition) parts.push(`-n ${quote(condition)}`);
  const short = option.short?.replace(/^-/, '');
  const long = option.long?.replace(/^--/, '');
  if (short && isPlainWord(short)) parts.push(`-s ${short}`);
  if (long && isPlainWord(long)) parts.push(`-l ${long}`);
  // -x: takes a value, and that value is not a file name.
  if (option.takesValue) parts.push('-x');
  if (option.choices) parts.push(`-a ${quote(option.choices.filter(isPlainWord).join(' '))}`);
  if (option.description) parts.push(`-d ${quote(option.description)}`);
  return parts.join(' ');
}

function commandLines(name: string, command: CompletionCommand): string[] {
  const names = [command.name, ...command.aliases].filter(isPlainWord);
  const condition = `__fish_seen_subcommand_from ${names.join(' ')}`;
  const lines = [
    ...names.map(
      (n) =>
        `complete -c ${name} -n __fish_use_subcommand -a ${n} -d ${quote(command.description)}`,
    ),
    ...command.options.map((option) => optionLine(name, condition, option)),
  ];
  for (const argument of command.arguments) {
    if (argument.choices)
      lines.push(
        `complete -c ${name} -n ${quote(condition)} -a ${quote(argument.choices.filter(isPlainWord).join(' '))}`,
      );
  }
  return lines;
}

export function fishScript(tree: CompletionCommand): string {
  const name = tree.name;
  const top = tree.options.filter((o) => flagsOf(o).length > 0);
  return [
    `# fish completion for ${name}, written by \`${name} completion fish\` from its commands.`,
    `# Install: ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    '',
    '# No file names: no command of it takes a file.',
    `complete -c ${name} -f`,
    ...top.map((option) => optionLine(name, '__fish_use_subcommand', option)),
    ...tree.commands.flatMap((command) => ['', ...commandLines(name, command)]),
    '',
  ].join('\n');
}
