// The floor under `porthole who P`, as a reference row of the CLI start-up section: proc-floor.cjs's
// reading, then what `who` adds that no code of ours can skip — looking up `localhost` (getaddrinfo)
// and one connection to each address a client may try (127.0.0.1, ::1, and what localhost resolves
// to). Node's dns and net check every host with their IPv6 pattern first, so this row pays, as
// `who` does, for compiling it. Output as proc-floor.cjs's. Usage: node bench/who-floor.cjs PORT
'use strict';
const { lookup } = require('node:dns/promises');
const { writeSync } = require('node:fs');
const net = require('node:net');
const { readProcFloor } = require('./proc-floor.cjs');

/**
 * Connects once and closes; resolves whether or not anything answered (bounded: 1 s).
 * @param {string} host @param {number} port @returns {Promise<boolean>}
 */
function connectOnce(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (/** @type {boolean} */ open) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(open);
    };
    const timer = setTimeout(() => done(false), 1000);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function main() {
  const port = Number(process.argv[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write('usage: node bench/who-floor.cjs PORT\n');
    process.exit(2);
  }
  const { sockets } = readProcFloor();
  const found = await lookup('localhost', { all: true }).catch(() => []);
  const hosts = [...new Set(['127.0.0.1', '::1', ...found.map((a) => a.address)])];
  const open = await Promise.all(hosts.map((host) => connectOnce(host, port)));
  writeSync(1, `${sockets} sockets, ${open.filter(Boolean).length}/${hosts.length} open\n`);
}

void main();
