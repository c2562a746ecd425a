// The commands `porthole` can run without commander (cli/fast-path.ts): their arguments, options and
// body, written once. Each one's commander definition (commands/<name>.ts) is built from the same
// spec (cli/spec-command.ts), so `--help`, completion and the fast path agree. It imports no code
// at start-up: each body is a dynamic import of its `<name>-run.ts`, as for every command.
import type { CliContext } from './context.js';
import type { WhoOptions } from './commands/who-run.js';

/** One option as commander spells it: `-a, --all`, `--timeout <seconds>`. */
export interface OptionSpec {
  flags: string;
  description: string;
  /** A value option's default, as typed on the command line. */
  defaultValue?: string;
}

/** A required argument: `<port>`. */
export interface ArgumentSpec {
  name: string;
  description: string;
}

/** Option values by commander's attribute name (`--all` → `all`), defaults filled in. */
export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandSpec {
  name: string;
  description: string;
  args: readonly ArgumentSpec[];
  options: readonly OptionSpec[];
  /** The body: one value per argument, in order, and the options. */
  run(ctx: CliContext, args: readonly string[], options: OptionValues): Promise<void>;
}

/** Options of the program itself, valid before or after any command. */
export const GLOBAL_OPTIONS = {
  color: {
    flags: '--no-color',
    description: 'plain output without colors (also: NO_COLOR, or output not a terminal)',
  },
  json: {
    flags: '--json',
    description: "machine-readable output (each command's --help shows its shape)",
  },
} as const satisfies Record<string, OptionSpec>;

export const STATUS_SPEC: CommandSpec = {
  name: 'status',
  description: 'one line: listening ports, problems, watches down (what bare `porthole` prints)',
  args: [],
  options: [
    {
      flags: '--json',
      description:
        'print {line, listening, problems, severities: {error, warning, hint, info}, watches, watchesDown, watchStates: [{id, target, label, status, pid, process, error}]} as JSON',
    },
  ],
  run: async (ctx, _args, options) =>
    (await import('./commands/status-run.js')).runStatus(ctx, options),
};

export const LIST_SPEC: CommandSpec = {
  name: 'list',
  description: 'show listening sockets with their process, user and exposure',
  args: [],
  options: [
    { flags: '-a, --all', description: 'also show connections, not only listeners' },
    {
      flags: '--container <name>',
      description: 'only the ports a container publishes (its name, as `docker ps` shows it)',
    },
    {
      flags: '--image <name>',
      description: 'only the ports of containers of an image (postgres, postgres:16)',
    },
    {
      flags: '--json',
      description:
        'print {takenAt, sockets, conflicts, unattributed, unattributedHidden, unattributedByCause, engines} as JSON (unattributed: among the sockets shown; unattributedHidden: how many more --all would show; unattributedByCause: all of them by cause: other-user, refused, kernel, gone, unknown; engines: container engines and whether each answered; each socket has container, forwardsTo and unattributedCause (why no process is named), null when not known)',
    },
  ],
  run: async (ctx, _args, options) =>
    (await import('./commands/list-run.js')).runList(ctx, options),
};

export const WHO_SPEC: CommandSpec = {
  name: 'who',
  description: 'show who holds a port, and who answers when a client connects to localhost',
  args: [{ name: 'port', description: 'the port, 1-65535' }],
  options: [
    {
      flags: '--timeout <seconds>',
      description: 'how long each localhost probe may take',
      defaultValue: '1',
    },
    { flags: '--json', description: 'print {port, sockets, conflicts, answers} as JSON' },
  ],
  run: async (ctx, [port = ''], options) =>
    (await import('./commands/who-run.js')).runWho(ctx, port, options as unknown as WhoOptions),
};

export const CONFLICTS_SPEC: CommandSpec = {
  name: 'conflicts',
  description: 'explain port conflicts and how to fix them',
  args: [],
  options: [{ flags: '--json', description: 'print {conflicts} as JSON' }],
  run: async (ctx, _args, options) =>
    (await import('./commands/conflicts-run.js')).runConflicts(ctx, options),
};

/** The commands main runs without commander when their arguments are plain (cli/fast-path.ts). */
export const FAST_COMMANDS: readonly CommandSpec[] = [
  STATUS_SPEC,
  LIST_SPEC,
  WHO_SPEC,
  CONFLICTS_SPEC,
];
