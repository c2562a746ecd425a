// The socket farm: N loopback sockets spread over several child processes, and the list of
// listeners (with their owning PID) every method under test must find.
import { fileURLToPath } from 'node:url';
import { spawnNode } from './children.js';

const CHILD = fileURLToPath(new URL('./farm-child.js', import.meta.url));
/** Sockets per child process: keeps each far below any fd limit and gives several owning PIDs. */
const PER_CHILD = 1000;

/**
 * @typedef {{protocol: 'tcp'|'udp', host: string, port: number, pid: number}} Listener
 * @typedef {{n: number, listenTcp: number, udp: number, connections: number, children: number}} FarmPlan
 */

/**
 * How N sockets are made up: 40 % TCP listeners, 40 % connection ends (20 % connections, each
 * with a client and an accepted socket), 20 % bound UDP; half on 127.0.0.1, half on ::1.
 * @param {number} n
 * @returns {FarmPlan}
 */
export function planFarm(n) {
  const listenTcp = Math.max(1, Math.round(n * 0.4));
  const connections = Math.round(n * 0.2);
  const udp = Math.max(0, n - listenTcp - 2 * connections);
  return { n, listenTcp, udp, connections, children: Math.max(2, Math.ceil(n / PER_CHILD)) };
}

/** @param {number} total @param {number} parts @param {number} index */
function share(total, parts, index) {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

/**
 * Starts the farm and resolves once every child has opened its sockets.
 * @param {number} n
 * @param {number} [lifetimeMs] children exit on their own after this, whatever happens here
 */
export async function startFarm(n, lifetimeMs = 15 * 60_000) {
  const plan = planFarm(n);
  /** @type {ReturnType<typeof spawnNode>[]} */
  const children = [];
  for (let i = 0; i < plan.children; i++) {
    const spec = {
      listenTcp: share(plan.listenTcp, plan.children, i),
      udp: share(plan.udp, plan.children, i),
      connections: share(plan.connections, plan.children, i),
      offset: i,
      lifetimeMs,
    };
    children.push(spawnNode(CHILD, JSON.stringify(spec)));
  }
  /** @type {Listener[]} */
  const listeners = [];
  let peers = 0;
  try {
    const reports = await Promise.all(children.map((c) => c.nextMessage()));
    for (const report of reports) {
      if (report.error) throw new Error(`farm child ${report.pid}: ${report.error}`);
      peers += report.peers;
      for (const l of report.listeners) listeners.push({ ...l, pid: report.pid });
    }
  } catch (error) {
    await Promise.all(children.map((c) => c.stop()));
    throw error;
  }
  return {
    plan,
    listeners,
    pids: children.map((c) => c.child.pid),
    sockets: listeners.length + peers,
    /**
     * Closes one listener; resolves with the child's epoch-ms time of the close.
     * @param {Listener} listener
     * @returns {Promise<number>}
     */
    async closeListener(listener) {
      const owner = children.find((c) => c.child.pid === listener.pid);
      if (!owner) throw new Error(`no farm child with pid ${listener.pid}`);
      const answer = owner.nextMessage(5_000);
      owner.send({ close: `${listener.protocol} ${listener.host} ${listener.port}` });
      const { found, at } = await answer;
      if (!found) throw new Error(`farm child did not hold ${listener.host}:${listener.port}`);
      return at;
    },
    stop: () => Promise.all(children.map((c) => c.stop())),
  };
}
