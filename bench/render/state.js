// Builds a PortholeState with N listening sockets for the render bench (deterministic, no randomness).

/**
 * @typedef {import('../../src-main/domain/model.js').PortSocket} PortSocket
 * @typedef {import('../../src-main/domain/model.js').Family} Family
 * @typedef {import('../../src-main/domain/model.js').Exposure} Exposure
 */

/** @type {[name: string, command: string][]} */
const NAMES = [
  ['node', 'node /home/dev/app/server.js --port'],
  ['python3', 'python3 -m http.server'],
  ['postgres', 'postgres: 16/main: postmaster -D /var/lib/postgresql/16/main -p'],
  ['redis-server', 'redis-server 127.0.0.1:'],
  ['java', 'java -Xmx2g -jar /opt/service/app.jar --server.port='],
  ['nginx', 'nginx: worker process'],
  ['ruby', 'ruby bin/rails server -p'],
  ['dnsmasq', 'dnsmasq --no-daemon --port='],
];
/** @type {[address: string, family: Family, exposure: Exposure][]} */
const ADDRESSES = [
  ['127.0.0.1', 4, 'loopback'],
  ['::1', 6, 'loopback'],
  ['0.0.0.0', 4, 'all-interfaces'],
  ['::', 6, 'all-interfaces'],
  ['192.168.1.20', 4, 'network'],
];

/**
 * The entry at `i`, wrapping around: `list` is one of the fixed, non-empty tables above.
 * @template T
 * @param {readonly T[]} list
 * @param {number} i
 * @returns {T}
 */
function cycle(list, i) {
  const entry = list[i % list.length];
  if (entry === undefined) throw new Error('cycle() needs a non-empty list');
  return entry;
}

/**
 * @param {number} i
 * @returns {PortSocket}
 */
function socketAt(i) {
  const [name, command] = cycle(NAMES, i);
  const [address, family, exposure] = cycle(ADDRESSES, Math.floor(i / 7));
  const udp = i % 10 === 9;
  const pid = 2000 + Math.floor(i / 4);
  const port = 1024 + i;
  return {
    protocol: udp ? 'udp' : 'tcp',
    family,
    localAddress: address,
    localPort: port,
    remoteAddress: null,
    remotePort: null,
    state: udp ? 'UNCONN' : 'LISTEN',
    pid,
    process: name,
    command: `${command}${port}`,
    user: i % 3 === 0 ? 'postgres' : 'dev',
    exposure,
    inode: 100_000 + i,
    pids: [pid],
  };
}

/**
 * A full window state: `count` listeners on distinct ports, one loopback conflict pair on top.
 * @param {number} count
 * @param {number} now epoch ms
 * @returns {import('../../src-main/shared/contract.js').PortholeState}
 */
export function generateState(count, now = Date.now()) {
  const sockets = Array.from({ length: count }, (_, i) => socketAt(i));
  const a = sockets[0];
  if (!a) throw new Error('generateState needs at least one listener');
  /** @type {PortSocket} */
  const b = {
    ...socketAt(0),
    localAddress: '::1',
    family: 6,
    pid: 1999,
    pids: [1999],
    inode: 99_999,
  };
  sockets.push(b);
  return {
    snapshot: { takenAt: now, sockets, unattributed: 0, source: 'bench', warnings: [] },
    conflicts: [
      {
        kind: 'shadowed',
        protocol: 'tcp',
        port: a.localPort,
        pids: [1999, a.pid ?? 0],
        sockets: [a, b],
        message: `node (PID ${a.pid}) on 127.0.0.1 and node (PID 1999) on ::1 share port ${a.localPort}`,
        fix: 'Stop one of them or move it to another port.',
        summary: `${a.localPort} · node (PID ${a.pid}) on 127.0.0.1 · shadowed by node (PID 1999) on ::1`,
      },
    ],
    status: { state: 'ok', reason: null, since: now, retryInMs: null, source: 'bench' },
    watches: [],
    notificationsSnoozedUntil: null,
    acknowledgedExposures: [],
    settingsWarnings: [],
    capabilities: { kill: false, platform: 'linux', transport: 'http' },
  };
}

/** What `porthole:settings:get` answers: defaults, so the window follows the emulated colour scheme. */
export function settingsView() {
  return {
    preferences: {
      refreshIntervalMs: 2000,
      notifyOnExposure: false,
      notificationCooldownMs: 60_000,
      startAtLogin: false,
      theme: 'system',
      historyLimit: 5000,
      protectedProcesses: [],
    },
    warnings: [],
    path: '/nonexistent/settings.json',
  };
}
