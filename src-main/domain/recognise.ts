// Node-free: recognises common servers from their process name and command line, and says how each binds differently.
import type { PortSocket } from './model.js';

/** What the user wants the server to listen on: both loopback families, or this machine only. */
export type BindGoal = 'both-families' | 'loopback-only';

/** A server Porthole knows the bind option of. */
export type ServerKind =
  | 'python-http-server'
  | 'django'
  | 'vite'
  | 'next'
  | 'rails'
  | 'postgres'
  | 'redis'
  | 'docker'
  | 'node';

type Facts = Pick<PortSocket, 'process' | 'command' | 'localPort'>;

interface Recogniser {
  kind: ServerKind;
  matches(process: string, command: string): boolean;
  command(port: number, goal: BindGoal): string;
}

const word = (text: string, w: string): boolean =>
  new RegExp(`(^|[\\s/])${w.replace(/[.]/g, '\\.')}(\\s|$)`).test(text);

/** First match wins: specific tools before the runtimes they run on (vite and next are node). */
const RECOGNISERS: readonly Recogniser[] = [
  {
    kind: 'python-http-server',
    matches: (_p, c) => /(^|\s)-m\s+http\.server(\s|$)/.test(c),
    command: (port, goal) =>
      `python3 -m http.server ${port} --bind ${goal === 'both-families' ? '::' : '127.0.0.1'}`,
  },
  {
    kind: 'django',
    matches: (_p, c) => /manage\.py\s+runserver\b/.test(c) || /django-admin\s+runserver\b/.test(c),
    command: (port, goal) =>
      `python3 manage.py runserver ${goal === 'both-families' ? `[::]:${port}` : `127.0.0.1:${port}`}`,
  },
  {
    kind: 'vite',
    matches: (_p, c) => word(c, 'vite') || /node_modules\/(\.bin\/)?vite(\/|\s|$)/.test(c),
    command: (port, goal) =>
      `vite --port ${port} --host ${goal === 'both-families' ? '::' : '127.0.0.1'}`,
  },
  {
    kind: 'next',
    matches: (p, c) => p === 'next-server' || /(^|[\s/])next\s+(dev|start)\b/.test(c),
    command: (port, goal) =>
      `next dev -p ${port} -H ${goal === 'both-families' ? '::' : '127.0.0.1'}`,
  },
  {
    kind: 'rails',
    matches: (p, c) => p === 'puma' || /(^|[\s/])rails\s+(s|server)\b/.test(c) || /^puma\b/.test(c),
    command: (port, goal) =>
      `bin/rails server -p ${port} -b ${goal === 'both-families' ? '::' : '127.0.0.1'}`,
  },
  {
    kind: 'postgres',
    matches: (p, c) => p === 'postgres' || p === 'postmaster' || /(^|\/)postgres(\s|$)/.test(c),
    command: (_port, goal) =>
      `psql -c "ALTER SYSTEM SET listen_addresses = '${goal === 'both-families' ? '127.0.0.1,::1' : 'localhost'}'"  # then restart PostgreSQL`,
  },
  {
    kind: 'redis',
    matches: (p) => p === 'redis-server',
    command: (_port, goal) =>
      `redis-cli CONFIG SET bind "${goal === 'both-families' ? '127.0.0.1 ::1' : '127.0.0.1 -::1'}"`,
  },
  {
    kind: 'docker',
    matches: (p) => p === 'docker-proxy' || p === 'rootlessport',
    command: (port, goal) =>
      goal === 'both-families'
        ? `docker run -p 127.0.0.1:${port}:${port} -p [::1]:${port}:${port} …`
        : `docker run -p 127.0.0.1:${port}:${port} …`,
  },
  {
    kind: 'node',
    matches: (p) => p === 'node' || p === 'nodejs' || p === 'bun' || p === 'deno',
    command: (port, goal) =>
      `server.listen(${port}, '${goal === 'both-families' ? '::' : '127.0.0.1'}')`,
  },
];

/** The server a listener belongs to, or null when Porthole does not know it. */
export function recogniseServer(s: Pick<PortSocket, 'process' | 'command'>): ServerKind | null {
  const process = (s.process ?? '').toLowerCase();
  const command = s.command ?? '';
  if (process === '' && command === '') return null;
  return RECOGNISERS.find((r) => r.matches(process, command))?.kind ?? null;
}

/**
 * A command to copy that makes this listener bind as wanted, specific to the server when it is
 * recognised; null when it is not (a made-up command would be worse than none).
 */
export function bindCommand(s: Facts, goal: BindGoal): string | null {
  const kind = recogniseServer(s);
  const recogniser = RECOGNISERS.find((r) => r.kind === kind);
  return recogniser ? recogniser.command(s.localPort, goal) : null;
}

/** The words for an unrecognised server: what to change, whatever it is. */
export function genericBindHint(goal: BindGoal): string {
  return goal === 'both-families'
    ? "both 127.0.0.1 and ::1, or '::' with dual-stack (which also opens it to other machines), or point clients at the address it listens on"
    : 'bind it to 127.0.0.1 (or ::1), or firewall the port';
}

/** The first command among several listeners that one is recognised for; null when none is. */
export function firstBindCommand(sockets: readonly Facts[], goal: BindGoal): string | null {
  for (const s of sockets) {
    const command = bindCommand(s, goal);
    if (command !== null) return command;
  }
  return null;
}
