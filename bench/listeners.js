// Reads the listeners (protocol, address, port, PIDs) out of each method's output and checks them
// against the listeners the farm opened: what each method missed or attributed to the wrong PID.
import { importBuilt } from './built.js';

const { normalizeAddress } = await importBuilt('core/platform/address.js');

/** @typedef {Map<string, Set<number>>} Seen  key `tcp 127.0.0.1 4000` -> PIDs holding it */

/** @param {Seen} seen @param {string} protocol @param {string} rawHost @param {string|number} port @param {number[]} pids */
function add(seen, protocol, rawHost, port, pids) {
  const host = normalizeAddress(rawHost, rawHost.includes(':') ? 6 : 4)?.address ?? rawHost;
  const key = `${protocol.replace('6', '')} ${host} ${Number(port)}`;
  const set = seen.get(key) ?? new Set();
  for (const pid of pids) if (Number.isInteger(pid) && pid > 0) set.add(pid);
  seen.set(key, set);
}

/** `[::1]:80`, `::1:80`, `127.0.0.1:80`, `*:80` -> [host, port] */
function splitEndpoint(/** @type {string} */ text) {
  const at = text.lastIndexOf(':');
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `ss -tunap`: Netid State Recv-Q Send-Q Local Peer users:(("node",pid=1,fd=3),...) */
export function fromSs(/** @type {string} */ out) {
  /** @type {Seen} */ const seen = new Map();
  for (const line of out.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6) continue;
    const [netid, state, , , local] = f;
    if (!((netid === 'tcp' && state === 'LISTEN') || (netid === 'udp' && state === 'UNCONN')))
      continue;
    const [host, port] = splitEndpoint(local ?? '');
    const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
    add(seen, netid, host ?? '', port ?? '', pids);
  }
  return seen;
}

/** `netstat -tunap`: Proto Recv-Q Send-Q Local Foreign [State] PID/Program (UDP rows may lack State) */
export function fromNetstat(/** @type {string} */ out) {
  /** @type {Seen} */ const seen = new Map();
  for (const line of out.split('\n')) {
    const f = line.trim().split(/\s+/);
    const proto = f[0] ?? '';
    if (!/^(tcp|udp)6?$/.test(proto) || f.length < 6) continue;
    const hasState = proto.startsWith('tcp') || f.length >= 7;
    const state = hasState ? f[5] : '';
    const owner = (hasState ? f[6] : f[5]) ?? '-';
    const listening = proto.startsWith('tcp') ? state === 'LISTEN' : (f[4] ?? '').endsWith(':*');
    if (!listening) continue;
    const [host, port] = splitEndpoint(f[3] ?? '');
    add(seen, proto, host ?? '', port ?? '', [Number.parseInt(owner, 10)]);
  }
  return seen;
}

/** `lsof -nP -i`: COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME [(STATE)], one row per fd. */
export function fromLsof(/** @type {string} */ out) {
  /** @type {Seen} */ const seen = new Map();
  for (const line of out.split('\n').slice(1)) {
    const m = /^\S+\s+(\d+)\s.*\s(TCP|UDP)\s+(\S+)(?:\s+\((\w+)\))?\s*$/.exec(line);
    if (!m) continue;
    const [, pid, node, name, state] = m;
    if (name?.includes('->')) continue;
    if (node === 'TCP' && state !== 'LISTEN') continue;
    const [host, port] = splitEndpoint(name ?? '');
    add(seen, (node ?? '').toLowerCase(), host ?? '', port ?? '', [Number(pid)]);
  }
  return seen;
}

/** systeminformation's networkConnections(): ports as strings, `tcp6`, peer `*` for listeners. */
export function fromSysteminformation(
  /** @type {import('systeminformation').Systeminformation.NetworkConnectionsData[]} */ rows,
) {
  /** @type {Seen} */ const seen = new Map();
  for (const r of rows) {
    const udp = String(r.protocol).startsWith('udp');
    const listening = udp
      ? r.peerPort === '*' || !r.peerAddress || r.peerAddress.endsWith('*')
      : r.state === 'LISTEN';
    if (listening)
      add(seen, String(r.protocol), String(r.localAddress), r.localPort, [Number(r.pid)]);
  }
  return seen;
}

/** A Porthole Snapshot (see src-main/domain/model.ts). */
export function fromSnapshot(
  /** @type {import('../src-main/domain/model.js').Snapshot} */ snapshot,
) {
  /** @type {Seen} */ const seen = new Map();
  for (const s of snapshot.sockets) {
    const listening = s.state === 'LISTEN' || (s.protocol === 'udp' && s.remotePort === null);
    if (listening) add(seen, s.protocol, s.localAddress, s.localPort, s.pids ?? [s.pid ?? 0]);
  }
  return seen;
}

/**
 * @param {Seen} seen
 * @param {import('./farm.js').Listener[]} expected
 */
export function checkListeners(seen, expected) {
  /** @type {Record<string, number>} */ const missingByKind = {};
  let missing = 0;
  let wrongPid = 0;
  const examples = [];
  for (const l of expected) {
    const pids = seen.get(`${l.protocol} ${normalizeAddress(l.host)?.address ?? l.host} ${l.port}`);
    const kind = `${l.protocol}${l.host.includes(':') ? 6 : 4}`;
    if (pids?.has(l.pid)) continue;
    if (pids) wrongPid += 1;
    else missing += 1;
    missingByKind[kind] = (missingByKind[kind] ?? 0) + 1;
    if (examples.length < 3)
      examples.push(
        `${kind} ${l.host} ${l.port} pid ${l.pid}${pids ? ` (saw ${[...pids].join(',') || 'no pid'})` : ''}`,
      );
  }
  return { expected: expected.length, missing, wrongPid, missingByKind, examples };
}
