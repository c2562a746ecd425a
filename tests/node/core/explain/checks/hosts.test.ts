import { describe, expect, it } from 'vitest';
import { hostsCheck } from '../../../../../src-main/core/explain/checks/hosts.js';
import { parseHostsFile } from '../../../../../src-main/core/explain/checks/hosts-file.js';
import { recorded, recordedContext } from './recorded-context.js';

const remapped = { '/etc/hosts': recorded('linux-etc-hosts-localhost-remapped.txt') };
const loopback = { localhost: [{ address: '127.0.0.1', family: 4 as const }] };

describe('parseHostsFile', () => {
  it('reads several names per line, IPv6 lines, trailing comments, and skips commented lines', () => {
    const entries = parseHostsFile(recorded('linux-etc-hosts-localhost-remapped.txt'));
    expect(entries.filter((e) => e.name === 'localhost').map((e) => e.address)).toEqual([
      '127.0.0.1',
      '::1',
      '192.168.1.20',
    ]);
    expect(entries.find((e) => e.name === 'devbox')).toEqual({
      address: '127.0.1.1',
      name: 'devbox',
      line: 3,
    });
    expect(entries.find((e) => e.name === 'api.local')?.address).toBe('10.0.0.5');
    expect(entries.some((e) => e.name === 'staging' || e.name === 'api')).toBe(false);
    const windows = parseHostsFile(recorded('windows-hosts-docker-desktop.txt'));
    expect(windows.map((e) => e.name)).toEqual([
      'host.docker.internal',
      'gateway.docker.internal',
      'kubernetes.docker.internal',
    ]);
  });

  it("reads this machine's recorded /etc/hosts", () => {
    expect(
      parseHostsFile(recorded('linux-etc-hosts.txt')).find((e) => e.name === 'localhost')?.address,
    ).toBe('127.0.0.1');
  });
});

describe('hosts', () => {
  it('is a problem when localhost maps to a non-loopback address, naming the line', async () => {
    const ctx = recordedContext({
      host: 'localhost',
      port: 3000,
      situation: 'connect-refused',
      files: remapped,
      resolve: loopback,
    });
    const findings = await hostsCheck.run(ctx);
    expect(findings[0]?.status).toBe('problem');
    expect(findings[0]?.message).toContain('192.168.1.20 on line 10');
    expect(findings[0]?.fix).toContain('127.0.0.1 and ::1');
    expect(findings[1]?.status).toBe('ok');
  });

  it('is ok for a plain loopback localhost', async () => {
    const files = { '/etc/hosts': recorded('linux-etc-hosts.txt') };
    const findings = await hostsCheck.run(
      recordedContext({ host: 'localhost', port: 3000, files, resolve: loopback }),
    );
    expect(findings.map((f) => f.status)).toEqual(['ok']);
    expect(findings[0]?.message).toBe('localhost resolves to 127.0.0.1.');
  });

  it('mentions a hosts mapping for another name, and a name that does not resolve', async () => {
    const mapped = await hostsCheck.run(
      recordedContext({
        host: 'api.local',
        port: 443,
        files: remapped,
        resolve: { 'api.local': [{ address: '10.0.0.5', family: 4 }] },
      }),
    );
    expect(mapped[0]?.status).toBe('info');
    expect(mapped[0]?.message).toContain('10.0.0.5 (line 9)');
    const missing = await hostsCheck.run(
      recordedContext({ host: 'db.nowhere.test', port: 5432, files: remapped }),
    );
    expect(missing.map((f) => f.status)).toEqual(['problem']);
    expect(missing[0]?.message).toContain('does not resolve (ENOTFOUND)');
  });

  it('reads the Windows hosts path, skips an unreadable file and ignores IP literals', async () => {
    const win = recordedContext({
      platform: 'win32',
      host: 'localhost',
      port: 3000,
      resolve: loopback,
    });
    const findings = await hostsCheck.run(win);
    expect(findings[0]?.status).toBe('skipped');
    expect(findings[0]?.message).toMatch(/System32\\drivers\\etc\\hosts$/);
    expect(await hostsCheck.run(recordedContext({ host: '127.0.0.1', port: 3000 }))).toEqual([]);
    expect(await hostsCheck.run(recordedContext({ host: '::1', port: 3000 }))).toEqual([]);
    expect(await hostsCheck.run(recordedContext({ port: 3000 }))).toEqual([]);
  });
});
