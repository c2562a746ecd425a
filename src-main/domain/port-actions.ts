// Node-free words of a port's quick actions, the same wherever a port shows: its local URL and its stop command.

/** The address a browser opens for a local TCP listener. */
export function localUrl(port: number): string {
  return `http://localhost:${port}`;
}

/** The shell command that asks a process to stop (SIGTERM), for copying. */
export function stopCommand(pid: number): string {
  return `kill ${pid}`;
}

/** Why stopping is refused where the transport does not allow it: browser mode without `--allow-kill`. */
export function stopOffText(what: 'processes' | 'containers', transport: 'ipc' | 'http'): string {
  return transport === 'http'
    ? `stopping ${what} is off in browser mode; restart with \`porthole serve --allow-kill\` to allow it`
    : `stopping ${what} is not allowed here`;
}
