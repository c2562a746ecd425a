// The exit codes of `porthole`, in one place so commands, main and the help text agree.

export const EXIT = {
  /** The command did what was asked (a free port is also a success). */
  ok: 0,
  /** A negative answer: `probe` found the port closed, `watch --once` found it down. */
  negative: 1,
  /** Bad usage or input: unknown flag or command, missing target, a port like 70000 or `abc`. */
  usage: 2,
  /** `watch --save` could not save the watch (settings busy, unreadable, or the watch cap reached). */
  notSaved: 3,
  /** Sockets could not be collected at all (missing tools, permissions). */
  collectFailed: 4,
  /** Anything unexpected (a bug): the message is on stderr. */
  internal: 5,
} as const;

/** Appended to `porthole --help`. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  negative answer: \`probe\` found the port closed, \`watch --once\` found it down
  2  bad usage or input (unknown flag or command, missing target, invalid port)
  3  \`watch --save\` could not save the watch (nothing was watched)
  4  sockets could not be collected
  5  unexpected internal error

Environment:
  NO_COLOR              disables colors (as does --no-color or output that is not a terminal)
  PORTHOLE_CONFIG_DIR   where settings.json and history.jsonl live
  PORTHOLE_SOURCE       socket source: auto (default), proc or systeminformation`;
