import { describe, expect, it } from 'vitest';
import {
  UNPRIVILEGED_PORT_START,
  privilegedCheck,
} from '../../../../../src-main/core/explain/checks/privileged.js';
import { parseExcludedPortRanges } from '../../../../../src-main/core/explain/checks/windows-port-ranges.js';
import { failed, ok, recorded, recordedContext } from './recorded-context.js';

const V4 = 'netsh interface ipv4 show excludedportrange protocol=tcp';
const V6 = 'netsh interface ipv6 show excludedportrange protocol=tcp';
const windowsTools = {
  [V4]: ok(recorded('windows-netsh-excludedportrange-ipv4-tcp.txt')),
  [V6]: ok(recorded('windows-netsh-excludedportrange-ipv6-tcp.txt')),
};

describe('privileged on Linux', () => {
  it('names the limit read from /proc and the capability fix for a denied low port', async () => {
    const ctx = recordedContext({
      port: 80,
      situation: 'permission-denied',
      files: { [UNPRIVILEGED_PORT_START]: '1024\n' },
    });
    const [f] = await privilegedCheck.run(ctx);
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain('below 1024');
    expect(f?.message).toContain(`${UNPRIVILEGED_PORT_START} is 1024`);
    expect(f?.fix).toContain("sudo setcap 'cap_net_bind_service=+ep' $(which node)");
    expect(f?.fix).toContain('8080');
  });

  it('says when it assumed the default because the file was unreadable', async () => {
    const ctx = recordedContext({ port: 443, situation: 'permission-denied' });
    const [f] = await privilegedCheck.run(ctx);
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain("could not be read; Linux's default is 1024");
  });

  it('follows a lowered limit: port 80 is fine when the limit is 80', async () => {
    const ctx = recordedContext({
      port: 80,
      situation: 'permission-denied',
      files: { [UNPRIVILEGED_PORT_START]: '80' },
    });
    const [f] = await privilegedCheck.run(ctx);
    expect(f?.status).toBe('ok');
    expect(f?.message).toContain('not why');
  });

  it('is an info for a refused connection to a low port, and silent above the limit', async () => {
    const low = await privilegedCheck.run(
      recordedContext({ port: 25, situation: 'connect-refused' }),
    );
    expect(low.map((f) => f.status)).toEqual(['info']);
    expect(
      await privilegedCheck.run(recordedContext({ port: 3000, situation: 'connect-refused' })),
    ).toEqual([]);
    expect(
      await privilegedCheck.run(recordedContext({ port: 80, situation: 'address-in-use' })),
    ).toEqual([]);
  });
});

describe('privileged on macOS', () => {
  it('says honestly that low ports on every address are not the cause since Mojave', async () => {
    const [f] = await privilegedCheck.run(
      recordedContext({ platform: 'darwin', port: 80, situation: 'permission-denied' }),
    );
    expect(f?.status).toBe('info');
    expect(f?.message).toContain('Mojave');
    expect(f?.message).toContain('not the cause');
  });

  it('points at the specific address when one was bound', async () => {
    const [f] = await privilegedCheck.run(
      recordedContext({
        platform: 'darwin',
        host: '127.0.0.1',
        port: 80,
        situation: 'permission-denied',
      }),
    );
    expect(f?.fix).toContain('bind 0.0.0.0');
  });
});

describe('privileged on Windows', () => {
  it('reads the recorded excluded ranges (English and French), administered ones marked', () => {
    const en = parseExcludedPortRanges(recorded('windows-netsh-excludedportrange-ipv4-tcp.txt'));
    expect(en).toHaveLength(9);
    expect(en[3]).toEqual({ start: 49671, end: 49770, administered: false });
    expect(en.find((r) => r.administered)).toEqual({
      start: 50000,
      end: 50059,
      administered: true,
    });
    const fr = parseExcludedPortRanges(recorded('windows-netsh-excludedportrange-ipv4-tcp-fr.txt'));
    expect(fr.map((r) => r.start)).toEqual([1802, 5357, 8884, 50000]);
  });

  it('names the reserved range and the winnat fix for a refused bind inside it', async () => {
    const ctx = recordedContext({
      platform: 'win32',
      port: 49700,
      situation: 'permission-denied',
      tools: windowsTools,
    });
    const [f] = await privilegedCheck.run(ctx);
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain('ipv4 49671-49770');
    expect(f?.fix).toContain('net stop winnat');
    expect(f?.fix).toContain('startport=49700');
    expect(ctx.runs).toContainEqual([
      'netsh',
      'interface',
      'ipv4',
      'show',
      'excludedportrange',
      'protocol=tcp',
    ]);
  });

  it('gives the delete command for an administered range, found in both families', async () => {
    const ctx = recordedContext({
      platform: 'win32',
      port: 50010,
      situation: 'permission-denied',
      tools: windowsTools,
    });
    const [f] = await privilegedCheck.run(ctx);
    expect(f?.message).toContain('ipv4 50000-50059, ipv6 50000-50059');
    expect(f?.fix).toContain(
      'delete excludedportrange protocol=tcp startport=50000 numberofports=60',
    );
  });

  it('says ok outside every range, and skips when netsh is missing or fails', async () => {
    const outside = await privilegedCheck.run(
      recordedContext({
        platform: 'win32',
        port: 3000,
        situation: 'permission-denied',
        tools: windowsTools,
      }),
    );
    expect(outside.map((f) => f.status)).toEqual(['ok']);
    const missing = await privilegedCheck.run(
      recordedContext({ platform: 'win32', port: 3000, situation: 'permission-denied' }),
    );
    expect(missing.map((f) => f.status)).toEqual(['skipped']);
    expect(missing[0]?.message).toContain('netsh');
    const broken = await privilegedCheck.run(
      recordedContext({
        platform: 'win32',
        port: 3000,
        situation: 'permission-denied',
        tools: { [V4]: failed(1, 'The following command was not found'), [V6]: failed(1, '') },
      }),
    );
    expect(broken.map((f) => f.status)).toEqual(['skipped']);
  });
});
