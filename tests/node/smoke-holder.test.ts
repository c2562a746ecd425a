import { afterAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { holdSockets, stopAllHolders } from '../helpers/sockets.js';

afterAll(stopAllHolders);

test('socket holder opens tcp and udp listeners and a connection on loopback', async () => {
  const holder = await holdSockets({
    listen: [{ host: '127.0.0.1' }, { host: '::1' }, { protocol: 'udp', host: '127.0.0.1' }],
    connect: [{ host: '127.0.0.1', toIndex: 0 }],
  });
  expect(holder.sockets).toHaveLength(4);
  const hex = holder.sockets[0]!.port.toString(16).toUpperCase().padStart(4, '0');
  expect(readFileSync('/proc/net/tcp', 'utf8')).toContain(`0100007F:${hex}`);
  await holder.stop();
  expect(holder.child.exitCode ?? holder.child.signalCode).not.toBeNull();
});
