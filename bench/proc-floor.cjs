// The floor under `porthole list` on Linux, as a reference row of the CLI start-up section: a bare
// Node script that does only the reading list cannot skip — the kernel's socket tables and every
// process's fd links (which process owns which socket inode) — and prints the count. No Porthole
// code, no parsing beyond counting, no settings, no rules, no output formatting. CommonJS, as the
// `porthole` command is: neither pays for Node's ES module loader. It reads and prints the cheapest
// way Porthole knows, so the floor is a floor: a table ends at its first short read (no read past
// the end, which walks the kernel's connection hash again: src-main/core/platform/proc-fs.ts), and
// the count goes out by write(2) without creating Node's stdout stream (cli/process-output.ts).
'use strict';
const { closeSync, openSync, readdirSync, readlinkSync, readSync, writeSync } = require('node:fs');

/** A read shorter than this ended the table (as TABLE_END_BELOW in proc-fs.ts). */
const TABLE_END_BELOW = 3072;

/** Lines of a socket table, header included; throws when the table cannot be opened. */
function tableLines(/** @type {string} */ path) {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let lines = 0;
    for (;;) {
      const bytes = readSync(fd, buffer, 0, buffer.length, null);
      for (let i = 0; i < bytes; i++) if (buffer[i] === 0x0a) lines += 1;
      if (bytes < TABLE_END_BELOW) return lines;
    }
  } finally {
    closeSync(fd);
  }
}

/** Sockets in the kernel's tables and socket fds of every process this user may read. */
function readProcFloor() {
  let sockets = 0;
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    try {
      sockets += tableLines(`/proc/net/${table}`) - 1;
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

module.exports = { readProcFloor, TABLE_END_BELOW };

if (require.main === module) {
  const { sockets, links } = readProcFloor();
  writeSync(1, `${sockets} sockets, ${links} socket fds\n`);
}
