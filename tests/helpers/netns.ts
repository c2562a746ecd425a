// A remote host on this machine: a network namespace joined to the host by a veth pair in a private
// /30 (10.231.X.0/30, X random and unused). Needs root and iproute2; tests skip when it fails.
// Every name is ours (random), never user input; commands run without a shell.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes, randomInt } from 'node:crypto';

export interface Netns {
  name: string;
  /** The namespace's own address (the "remote" host). */
  remote: string;
  /** The host side of the veth pair. */
  local: string;
  /** Runs a command inside the namespace (no shell); throws on a non-zero exit. */
  exec(command: string, args: string[]): string;
  /** Starts a long-running command inside the namespace; stopped by remove(). */
  spawnInside(command: string, args: string[]): ChildProcess;
  /** Kills the children, then deletes the namespace (which removes the veth pair). Idempotent. */
  remove(): Promise<void>;
}

function ip(args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A third octet no address or route of the host uses in 10.231.0.0/16 (bounded tries). */
function unusedOctet(): number {
  const inUse = ip(['-4', '-o', 'addr', 'show']) + ip(['-4', 'route', 'show', 'table', 'all']);
  for (let i = 0; i < 50; i += 1) {
    const x = randomInt(1, 255);
    if (!inUse.includes(`10.231.${x}.`)) return x;
  }
  throw new Error('no unused 10.231.X.0/30 found in 50 tries');
}

/**
 * Creates the namespace, or returns why it cannot (not root, no `ip netns`, no veth support).
 * A half-made namespace is removed before returning the reason.
 */
export function createNetns(): Netns | string {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return 'needs root to create a network namespace';
  }
  const tag = randomBytes(3).toString('hex');
  const name = `porthole-t${tag}`;
  const hostIf = `ph${tag}h`;
  const nsIf = `ph${tag}n`;
  const children = new Set<ChildProcess>();
  let created = false;
  let removed = false;

  const removeNow = (): void => {
    if (removed) return;
    removed = true;
    try {
      if (created) ip(['netns', 'delete', name]);
    } catch {
      // already gone
    }
    try {
      ip(['link', 'delete', hostIf]);
    } catch {
      // removed with the namespace (the usual case)
    }
  };

  try {
    const x = unusedOctet();
    const local = `10.231.${x}.1`;
    const remote = `10.231.${x}.2`;
    ip(['netns', 'add', name]);
    created = true;
    ip(['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
    ip(['link', 'set', nsIf, 'netns', name]);
    ip(['addr', 'add', `${local}/30`, 'dev', hostIf]);
    ip(['link', 'set', hostIf, 'up']);
    ip(['-n', name, 'addr', 'add', `${remote}/30`, 'dev', nsIf]);
    ip(['-n', name, 'link', 'set', nsIf, 'up']);
    ip(['-n', name, 'link', 'set', 'lo', 'up']);
    // A safety net if the test process ends without afterAll.
    process.once('exit', removeNow);
    return {
      name,
      remote,
      local,
      exec: (command, args) => ip(['netns', 'exec', name, command, ...args]),
      spawnInside(command, args) {
        const child = spawn('ip', ['netns', 'exec', name, command, ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.add(child);
        return child;
      },
      async remove() {
        await Promise.all(
          [...children].map(async (child) => {
            children.delete(child);
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = once(child, 'exit');
            child.kill('SIGKILL');
            await exited;
          }),
        );
        removeNow();
        process.removeListener('exit', removeNow);
      },
    };
  } catch (error) {
    removeNow();
    const err = error as Error & { stderr?: string };
    const detail = (err.stderr ?? '').trim() || err.message;
    return `ip netns failed: ${detail.split('\n')[0]}`;
  }
}
