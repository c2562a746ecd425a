import { describe, expect, it } from 'vitest';
import {
  LOCAL_PORT_RANGE,
  ephemeralCheck,
} from '../../../../../src-main/core/explain/checks/ephemeral.js';
import { parseDynamicPortRange } from '../../../../../src-main/core/explain/checks/windows-port-ranges.js';
import type { PortSocket } from '../../../../../src-main/domain/model.js';
import { ok, recorded, recordedContext } from './recorded-context.js';

const linuxRange = { [LOCAL_PORT_RANGE]: recorded('linux-ip_local_port_range.txt') };

function connection(port: number, pid: number): PortSocket {
  return {
    protocol: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: port,
    remoteAddress: '127.0.0.1',
    remotePort: 5432,
    state: 'ESTABLISHED',
    pid,
    process: 'node',
    command: null,
    user: null,
    exposure: null,
  };
}

describe('ephemeral', () => {
  it('finds a Linux port inside the recorded range and suggests one below it', async () => {
    const [f] = await ephemeralCheck.run(
      recordedContext({ port: 45000, situation: 'address-in-use', files: linuxRange }),
    );
    expect(f?.status).toBe('info');
    expect(f?.message).toContain('32768-60999');
    expect(f?.message).toContain(LOCAL_PORT_RANGE);
    expect(f?.fix).toContain('32000');
    expect(f?.fix).toContain('ip_local_reserved_ports=45000');
  });

  it('is a problem naming the process when an outgoing connection holds the port', async () => {
    const snapshot = { takenAt: 0, sockets: [connection(45000, 4121)], unattributed: 0 } as never;
    const [f] = await ephemeralCheck.run(
      recordedContext({ port: 45000, situation: 'address-in-use', files: linuxRange, snapshot }),
    );
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain('node, PID 4121');
    expect(f?.pids).toEqual([4121]);
  });

  it('says nothing outside the range, and says it used the default when /proc is unreadable', async () => {
    expect(await ephemeralCheck.run(recordedContext({ port: 3000, files: linuxRange }))).toEqual(
      [],
    );
    const [f] = await ephemeralCheck.run(recordedContext({ port: 40000 }));
    expect(f?.message).toContain("Linux's default");
  });

  it('reads Windows netsh dynamicport output, default and changed', async () => {
    expect(parseDynamicPortRange(recorded('windows-netsh-dynamicport-tcp.txt'))).toEqual({
      start: 49152,
      end: 65535,
    });
    const changed = 'netsh interface ipv4 show dynamicport tcp';
    const ctx = recordedContext({
      platform: 'win32',
      port: 10500,
      tools: { [changed]: ok(recorded('windows-netsh-dynamicport-tcp-changed.txt')) },
    });
    const [f] = await ephemeralCheck.run(ctx);
    expect(f?.message).toContain('10000-10999');
    expect(f?.fix).toContain('9000');
    const missing = await ephemeralCheck.run(recordedContext({ platform: 'win32', port: 50000 }));
    expect(missing[0]?.message).toContain("Windows' default");
  });

  it('reads macOS sysctl, falling back to 49152-65535', async () => {
    const sysctl = 'sysctl -n net.inet.ip.portrange.first net.inet.ip.portrange.last';
    const [f] = await ephemeralCheck.run(
      recordedContext({
        platform: 'darwin',
        port: 50000,
        tools: { [sysctl]: ok(recorded('macos-sysctl-portrange.txt')) },
      }),
    );
    expect(f?.message).toContain('49152-65535 (sysctl');
    const [d] = await ephemeralCheck.run(recordedContext({ platform: 'darwin', port: 50000 }));
    expect(d?.message).toContain("macOS's default");
  });
});
