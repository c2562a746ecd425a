// known-service: AirPlay Receiver on macOS, HTTP.sys on Windows, each with its own fix.
import { describe, expect, test } from 'vitest';
import { knownServiceCheck } from '../../../../src-main/core/explain/checks/known-service.js';
import { portSocket } from '../../../helpers/port-socket.js';
import { fakeContext } from './fake-context.js';

describe('known-service check', () => {
  test('ControlCenter on 5000 on macOS is the AirPlay Receiver', async () => {
    const s = portSocket({
      localPort: 5000,
      localAddress: '0.0.0.0',
      process: 'ControlCenter',
      pid: 611,
    });
    const ctx = fakeContext('OSError: [Errno 48] Address already in use: 0.0.0.0:5000', [s], {
      platform: 'darwin',
    });
    const [f] = await knownServiceCheck.run(ctx);
    expect(f?.message).toContain('AirPlay Receiver');
    expect(f?.fix).toContain('AirPlay Receiver');
    expect(f?.pids).toEqual([611]);
  });

  test('PID 4 on Windows is HTTP.sys', async () => {
    const s = portSocket({ localPort: 80, localAddress: '0.0.0.0', process: 'System', pid: 4 });
    const ctx = fakeContext('80', [s], { platform: 'win32' });
    const [f] = await knownServiceCheck.run(ctx);
    expect(f?.status).toBe('info');
    expect(f?.message).toContain('HTTP.sys');
    expect(f?.fix).toContain('netsh http show servicestate');
  });

  test('the same process on another platform or port: nothing', async () => {
    const s = portSocket({ localPort: 5000, process: 'ControlCenter' });
    expect(await knownServiceCheck.run(fakeContext('5000', [s]))).toEqual([]);
    const t = portSocket({ localPort: 5001, process: 'ControlCenter' });
    expect(await knownServiceCheck.run(fakeContext('5001', [t], { platform: 'darwin' }))).toEqual(
      [],
    );
  });
});
