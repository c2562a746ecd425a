// Runs the plainest command lines without commander: `porthole list --json`, `porthole who 3000`,
// bare `porthole`. Node's own parseArgs reads them against the same specs commander is built from
// (cli/command-specs.ts); anything it does not take as it is — help, version, an unknown option, a
// missing or extra argument, an option value that looks like a flag — goes to commander, which
// answers exactly as before. Start-up is most of what these commands cost, and commander with
// thirteen command definitions is a third of it.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  GLOBAL_OPTIONS,
  type CommandSpec,
  type OptionSpec,
  type OptionValues,
} from './command-specs.js';

/** A command line the fast path takes: which command, its arguments and options, and --no-color. */
export interface FastRoute {
  spec: CommandSpec;
  args: string[];
  options: OptionValues;
  /** False when --no-color was given (whether to color is decided later, with NO_COLOR and the TTY). */
  color: boolean;
}

/** Options that may stand alone before a command; with nothing else, `porthole` means `porthole status`. */
const GLOBAL_FLAGS: ReadonlySet<string> = new Set(
  Object.values(GLOBAL_OPTIONS).map((o) => o.flags),
);

/** `porthole` and `porthole --json` run `status`; anything else (`--help` included) is left as typed. */
export function withDefaultCommand(argv: readonly string[]): string[] {
  return argv.every((arg) => GLOBAL_FLAGS.has(arg)) ? [...argv, 'status'] : [...argv];
}

interface ParsedFlags {
  /** parseArgs' name: the long flag without `--` (`all`, `no-color`). */
  name: string;
  /** commander's attribute name: camelCase, `--no-x` stored as `x` = false. */
  attribute: string;
  short?: string;
  takesValue: boolean;
}

/** `-a, --all` / `--container <name>` / `--no-color`, as parseArgs and commander name it. */
export function parseFlags(option: OptionSpec): ParsedFlags {
  const match = /^(?:-(\w), )?--([\w-]+)( <[\w-]+>)?$/.exec(option.flags);
  if (!match?.[2]) throw new Error(`option flags not understood: ${option.flags}`);
  const name = match[2];
  const camel = name.replace(/^no-/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  return { name, attribute: camel, short: match[1], takesValue: match[3] !== undefined };
}

function parseConfig(options: readonly OptionSpec[]): NonNullable<ParseArgsConfig['options']> {
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const option of options) {
    const flags = parseFlags(option);
    config[flags.name] = {
      type: flags.takesValue ? 'string' : 'boolean',
      ...(flags.short ? { short: flags.short } : {}),
    };
  }
  return config;
}

/**
 * The route for `argv` when it names one of `specs` and parseArgs reads every word of it without
 * doubt; null for everything else, which commander then parses (and explains, when it is wrong).
 */
export function fastRoute(
  argv: readonly string[],
  specs: readonly CommandSpec[],
): FastRoute | null {
  const words = withDefaultCommand(argv);
  // Before the command only the program's own flags may stand (as commander allows).
  const at = words.findIndex((word) => !GLOBAL_FLAGS.has(word));
  const spec = specs.find((s) => s.name === words[at]);
  if (!spec) return null;
  const globals = Object.values(GLOBAL_OPTIONS);
  // The command's options first: `--json` is the program's and the command's, and means the same.
  const all = [
    ...spec.options,
    ...globals.filter((g) => !spec.options.some((o) => o.flags === g.flags)),
  ];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: words.filter((_, index) => index !== at),
      options: parseConfig(all),
      strict: true,
      allowPositionals: true,
    });
  } catch {
    return null;
  }
  if (parsed.positionals.length !== spec.args.length) return null;
  const options: OptionValues = {};
  for (const option of spec.options) {
    const flags = parseFlags(option);
    const value = parsed.values[flags.name];
    if (typeof value === 'string' || typeof value === 'boolean') options[flags.attribute] = value;
    else if (option.defaultValue !== undefined) options[flags.attribute] = option.defaultValue;
  }
  if (parsed.values.json === true) options.json = true;
  return { spec, args: parsed.positionals, options, color: parsed.values['no-color'] !== true };
}

/** What makes commander print help or the version and stop, wherever it stands before `--`. */
const HELP_OR_VERSION: ReadonlySet<string> = new Set(['--help', '-h', '--version', '-V']);

/**
 * True when the command line only asks for help or the version (`porthole --help`, `porthole who
 * -h`, `porthole help list`, `-V`): commander answers it at once, in one write, and exits.
 */
export function asksHelpOrVersion(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const words = end === -1 ? argv : argv.slice(0, end);
  return words[0] === 'help' || words.some((word) => HELP_OR_VERSION.has(word));
}
