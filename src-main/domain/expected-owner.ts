// Node-free: whether a process is the one a watch expects (`--expect node`), for watch events and checks.

/** Base name of a command line's first word: `/usr/lib/postgresql/16/bin/postgres -D …` gives `postgres`. */
export function commandName(command: string | null | undefined): string | null {
  const first = command?.trim().split(/\s+/)[0];
  if (!first) return null;
  return first.split(/[\\/]/).pop() ?? null;
}

/**
 * True when the process name (or the command's program) is the expected one, ignoring case. Linux
 * cuts process names to 15 characters, so a cut name matches an expectation it starts.
 */
export function matchesExpectedOwner(
  expect: string,
  owner: { process: string | null; command?: string | null },
): boolean {
  const want = expect.trim().toLowerCase();
  if (want === '') return true;
  const got = owner.process?.toLowerCase() ?? null;
  if (got !== null && (got === want || (got.length === 15 && want.startsWith(got)))) return true;
  return commandName(owner.command)?.toLowerCase() === want;
}
