// porthole:ports:explain: the CLI's diagnosis over the monitor's snapshot, with real loopback sockets.
import { afterEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../../src-main/service/dispatch.js';
import { holdSockets } from '../../helpers/sockets.js';
import { cleanUp, codeOf, startService } from './service-fixture.js';

afterEach(cleanUp);

describe('porthole:ports:explain', () => {
  test('a refusal on 127.0.0.1 while the server listens on ::1 only is a family problem naming its PID', async () => {
    const holder = await holdSockets({ listen: [{ host: '::1', ipv6Only: true }] });
    const port = holder.sockets[0]!.port;
    const { service } = await startService({ start: false });
    await service.monitor.refresh();
    const result = await service.handle('porthole:ports:explain', {
      text: `connect ECONNREFUSED 127.0.0.1:${port}`,
    });
    expect(result.target).toEqual({ host: '127.0.0.1', port, protocol: 'tcp' });
    expect(result.situation).toBe('connect-refused');
    const family = result.findings.find((f) => f.check === 'family');
    expect(family).toMatchObject({ status: 'problem' });
    expect(family!.pids).toContain(holder.pid);
    expect(result.findings[0]!.status).toBe('problem');
    expect(result.verdict).toBe(family!.message);
  });

  test('it reads the snapshot the window shows, not a new scan', async () => {
    const { service } = await startService({ start: false });
    await service.monitor.refresh();
    // Opened after the snapshot: the explanation must not see it (the window would not either).
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const result = await service.handle('porthole:ports:explain', { text: String(port) });
    expect(result.findings.flatMap((f) => f.pids)).not.toContain(holder.pid);
  });

  test("text with no port is invalid-request with the parser's words", async () => {
    const { service } = await startService({ start: false });
    const call = service.handle('porthole:ports:explain', { text: 'it does not work' });
    expect(await codeOf(call)).toBe('invalid-request');
    await expect(
      service.handle('porthole:ports:explain', { text: 'it does not work' }),
    ).rejects.toThrow(/port/i);
  });

  test('hostile payloads are refused at the border and never reach the checks', async () => {
    const { service } = await startService({ start: false });
    for (const payload of [
      { text: 'x'.repeat(65_537) },
      { text: 3000 },
      { text: ['3000'] },
      { text: '3000', extra: true },
      {},
      null,
      '3000',
    ]) {
      expect(await dispatch(service, 'porthole:ports:explain', payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
  });
});
