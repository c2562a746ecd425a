import { expect, test } from 'vitest';
import type { PortSocket } from '../../../src-main/domain/model.js';
import { classifyExposure } from '../../../src-main/domain/exposure.js';
import { portSocket } from '../../helpers/port-socket.js';
import { palette } from '../../../src-main/cli/format/color.js';
import { renderExposures } from '../../../src-main/cli/format/conflicts.js';

function listener(localAddress: string, localPort: number, family: 4 | 6 = 4): PortSocket {
  const owner = { pid: 7, process: 'postgres', command: 'postgres -D /var/lib/pg', user: 'pg' };
  const exposure = classifyExposure(localAddress);
  return portSocket({ localAddress, localPort, family, exposure, ...owner });
}

test('exposed ports get one line each with a fix; loopback and acknowledged ones do not', () => {
  const lines = renderExposures(
    [
      listener('0.0.0.0', 5432),
      listener('::', 5432, 6),
      listener('127.0.0.1', 3000),
      listener('192.168.1.5', 8080),
      listener('::', 9000, 6),
    ],
    ['tcp:192.168.1.5:8080'],
    palette(false),
  );
  // 0.0.0.0:5432 and :::5432 are one exposed port, as in the tray and the window; postgres is
  // recognised, so each gets the command that binds it to this machine.
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(/^! tcp\/5432 exposed/);
  expect(lines[0]).toContain('postgres accepts connections on every interface');
  expect(lines[0]).toContain('bind it to 127.0.0.1');
  expect(lines[1]).toContain('run: psql -c "ALTER SYSTEM SET listen_addresses = \'localhost\'"');
  expect(lines[2]).toMatch(/^! tcp\/9000 exposed/);
  expect(lines[2]).toContain('bind it to ::1');
  expect(lines.join('\n')).not.toContain('3000');
  expect(lines.join('\n')).not.toContain('8080');
});
