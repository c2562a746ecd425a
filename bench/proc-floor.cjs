// The floor under `porthole list` on Linux, as a reference row of the CLI start-up section: a bare
// Node script that does only the reading list cannot skip — the kernel's socket tables and every
// process's fd links (which process owns which socket inode) — and prints the count. No Porthole
// code, no parsing beyond counting, no settings, no rules, no output formatting. CommonJS, as the
// `porthole` command is: neither pays for Node's ES module loader.
'use strict';
const { readdirSync, readFileSync, readlinkSync } = require('node:fs');

/** Sockets in the kernel's tables and socket fds of every process this user may read. */
function readProcFloor() {
  let sockets = 0;
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    try {
      sockets += readFileSync(`/proc/net/${table}`, 'latin1').split('\n').length - 2;
    } catch {
      // a table the kernel does not have (no IPv6)
    }
  }
  let links = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) links += 1;
      }
    } catch {
      // gone meanwhile, or another user's process
    }
  }
  return { sockets, links };
}

module.exports = { readProcFloor };

if (require.main === module) {
  const { sockets, links } = readProcFloor();
  process.stdout.write(`${sockets} sockets, ${links} socket fds\n`);
}
