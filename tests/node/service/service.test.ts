// PortholeService ports, state, process kill, settings and links, with real sockets and a temp config.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { HistoryLog } from '../../../src-main/core/history/history-log.js';
import { PortholeService } from '../../../src-main/service/index.js';
import { SettingsStore } from '../../../src-main/core/settings/index.js';
import { holdSockets } from '../../helpers/sockets.js';
import {
  cleanUp,
  codeOf,
  dirs,
  savedSettings,
  services,
  splitPort,
  startService,
} from './service-fixture.js';

afterEach(cleanUp);

describe('ports and state', () => {
  test('a 127.0.0.1 / ::1 pair shows as a conflict in state() and in who', async () => {
    const { v4, v6, port } = await splitPort();
    const { service } = await startService({ start: false });
    await service.monitor.refresh();
    const conflict = service.state().conflicts.find((c) => c.port === port);
    expect(conflict).toMatchObject({
      kind: 'shadowed',
      pids: [v4.pid, v6.pid].sort((a, b) => a - b),
    });

    const who = await service.handle('porthole:ports:who', { port });
    expect(who.port).toBe(port);
    expect(who.sockets.map((s) => s.localAddress).sort()).toEqual(['127.0.0.1', '::1']);
    expect(who.conflicts.map((c) => c.kind)).toEqual(['shadowed']);
    expect(who.answers.find((a) => a.address === '127.0.0.1')).toMatchObject({
      open: true,
      pid: v4.pid,
    });
    expect(who.answers.find((a) => a.address === '::1')).toMatchObject({ open: true, pid: v6.pid });
  });

  test('probe answers for a bare port and host:port; free ports skip a held one', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const { service } = await startService({ start: false });
    expect(
      await service.handle('porthole:ports:probe', { target: `127.0.0.1:${port}` }),
    ).toMatchObject({ open: true, error: null });
    await holder.stop();
    expect(await service.handle('porthole:ports:probe', { target: String(port) })).toMatchObject({
      open: false,
    });
    expect(await codeOf(service.handle('porthole:ports:probe', { target: 'http://x:1' }))).toBe(
      'invalid-request',
    );

    const busy = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const busyPort = busy.sockets[0]!.port;
    await service.monitor.refresh();
    const free = await service.handle('porthole:ports:free', { near: busyPort, count: 2 });
    expect(free).toHaveLength(2);
    expect(free).not.toContain(busyPort);
  });

  test('state() carries capabilities, and kill is forbidden unless allowed', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const closed = await startService({ start: false });
    expect(closed.service.state().capabilities).toEqual({
      kill: false,
      platform: process.platform,
      transport: 'ipc',
    });
    const identity = await closed.service.handle('porthole:process:inspect', { pid: holder.pid });
    expect(identity.killable).toBe(true);
    const request = { pid: holder.pid, startToken: identity.startToken, force: false };
    expect(await codeOf(closed.service.handle('porthole:process:kill', request))).toBe('forbidden');
    expect(holder.child.exitCode).toBeNull();

    const open = await startService({ allowKill: true, start: false });
    expect(open.service.state().capabilities.kill).toBe(true);
    const result = await open.service.handle('porthole:process:kill', request);
    expect(result).toMatchObject({ ok: true, signal: 'SIGTERM' });
  });
});

describe('settings, exposures, snooze and links', () => {
  test('preferences are merged, saved and read back', async () => {
    const { service, dir, events } = await startService({ start: false });
    const updated = await service.handle('porthole:settings:update', {
      refreshIntervalMs: 1500,
      theme: 'dark',
    });
    // Shells and other windows hear of it (the tray's start-at-login checkbox follows at once).
    expect(events).toContainEqual({ type: 'preferences', preferences: updated.preferences });
    expect(updated.preferences).toMatchObject({
      refreshIntervalMs: 1500,
      theme: 'dark',
      historyLimit: 5000,
    });
    expect(updated.path).toBe(path.join(dir, 'settings.json'));
    expect(savedSettings(dir).preferences).toMatchObject({
      refreshIntervalMs: 1500,
      theme: 'dark',
    });
    expect((await service.handle('porthole:settings:get', undefined)).preferences.theme).toBe(
      'dark',
    );
    expect(service.preferences().refreshIntervalMs).toBe(1500);
  });

  test('an acknowledged exposure is saved once; a malformed key is refused', async () => {
    const { service, dir } = await startService({ start: false });
    expect(
      await service.handle('porthole:exposures:acknowledge', { key: 'tcp:0.0.0.0:5432' }),
    ).toEqual(['tcp:0.0.0.0:5432']);
    expect(await service.handle('porthole:exposures:acknowledge', { key: 'udp:::1:53' })).toEqual([
      'tcp:0.0.0.0:5432',
      'udp:::1:53',
    ]);
    expect(
      await service.handle('porthole:exposures:acknowledge', { key: 'tcp:0.0.0.0:5432' }),
    ).toHaveLength(2);
    expect(savedSettings(dir).acknowledgedExposures).toEqual(['tcp:0.0.0.0:5432', 'udp:::1:53']);
    expect(service.state().acknowledgedExposures).toEqual(['tcp:0.0.0.0:5432', 'udp:::1:53']);
    expect(
      await codeOf(service.handle('porthole:exposures:acknowledge', { key: 'tcp:0.0.0.0:70000' })),
    ).toBe('invalid-request');
  });

  test('an acknowledgement can be taken back; taking back an unknown key changes nothing', async () => {
    const { service, dir } = await startService({ start: false });
    await service.handle('porthole:exposures:acknowledge', { key: 'tcp:0.0.0.0:5432' });
    await service.handle('porthole:exposures:acknowledge', { key: 'udp:::1:53' });
    expect(
      await service.handle('porthole:exposures:unacknowledge', { key: 'tcp:0.0.0.0:5432' }),
    ).toEqual(['udp:::1:53']);
    expect(savedSettings(dir).acknowledgedExposures).toEqual(['udp:::1:53']);
    expect(service.state().acknowledgedExposures).toEqual(['udp:::1:53']);
    expect(
      await service.handle('porthole:exposures:unacknowledge', { key: 'tcp:0.0.0.0:5432' }),
    ).toEqual(['udp:::1:53']);
    expect(
      await codeOf(service.handle('porthole:exposures:unacknowledge', { key: 'tcp:nope' })),
    ).toBe('invalid-request');
  });

  test('settings problems at load reach state() for the banner', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'porthole-service-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    const service = await PortholeService.create({
      settings: new SettingsStore({ dir }),
      history: new HistoryLog({ file: null }),
      transport: 'http',
      allowKill: false,
    });
    services.push(service);
    expect(service.state().settingsWarnings.join('\n')).toContain('is not valid JSON');
  });

  test('the global notification snooze is kept in memory and announced', async () => {
    const { service, events } = await startService({ start: false });
    const until = Date.now() + 60_000;
    expect(await service.handle('porthole:notifications:snooze', { until })).toBe(until);
    expect(service.notificationsSnoozedUntil()).toBe(until);
    expect(service.state().notificationsSnoozedUntil).toBe(until);
    expect(await service.handle('porthole:notifications:snooze', { until: null })).toBeNull();
    expect(events.filter((e) => e.type === 'notifications-snoozed')).toEqual([
      { type: 'notifications-snoozed', until },
      { type: 'notifications-snoozed', until: null },
    ]);
  });

  test('links open through the injected opener only, and only http(s)', async () => {
    const opened: string[] = [];
    const { service } = await startService({
      start: false,
      openExternal: (url) => Promise.resolve(void opened.push(url)),
    });
    expect(
      await service.handle('porthole:app:open-external', { url: 'https://example.com/docs' }),
    ).toBe(true);
    expect(await service.handle('porthole:app:open-external', { url: 'http://' })).toBe(false);
    expect(opened).toEqual(['https://example.com/docs']);
    const bare = await startService({ start: false });
    expect(
      await bare.service.handle('porthole:app:open-external', { url: 'https://example.com' }),
    ).toBe(false);
  });

  test('focusPort asks windows to show a port', async () => {
    const { service, events } = await startService({ start: false });
    service.focusPort(62893);
    expect(events).toContainEqual({ type: 'focus-port', port: 62893 });
    expect(() => service.focusPort(70000)).toThrow(/out of range/);
  });

  test('showView asks windows to open a view (the tray\'s "Watch a port…")', async () => {
    const { service, events } = await startService({ start: false });
    service.showView('watches');
    expect(events).toContainEqual({ type: 'show-view', view: 'watches' });
  });
});
