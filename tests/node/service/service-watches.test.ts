// PortholeService watches with the real collector and real socket holders; settings in a temp directory.
import { afterEach, describe, expect, test } from 'vitest';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { holdSockets } from '../../helpers/sockets.js';
import { cleanUp, codeOf, savedSettings, startService } from './service-fixture.js';

afterEach(cleanUp);

describe('watches', () => {
  test('a watch added by its port alone goes up with the holder PID, is saved, and can be removed', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const started = await startService();
    const { service, dir, events } = started;
    const waitFor = started.waitFor.bind(started);

    // The monitor's snapshots reach listeners as diffs, not whole snapshots.
    const diff = await waitFor(
      (e): e is Extract<PortholeEvent, { type: 'snapshot-diff' }> => e.type === 'snapshot-diff',
    );
    expect(diff.source).toBe('proc');
    expect(diff.diff.added.some((s) => s.localPort === port && s.pid === holder.pid)).toBe(true);
    expect(events.some((e) => e.type === 'status' && e.status.state === 'ok')).toBe(true);

    const view = await service.handle('porthole:watches:add', { target: String(port) });
    expect(view.spec).toMatchObject({
      id: `local:${port}`,
      target: { host: null, port },
      intervalMs: 5000,
    });
    expect(savedSettings(dir).watches.map((w) => w.id)).toEqual([`local:${port}`]);
    const listed = await waitFor(
      (e): e is Extract<PortholeEvent, { type: 'watches' }> => e.type === 'watches',
    );
    expect(listed.watches.map((w) => w.spec.id)).toEqual([`local:${port}`]);

    const up = await waitFor(
      (e): e is Extract<PortholeEvent, { type: 'watch-event' }> =>
        e.type === 'watch-event' && e.event.event === 'up',
    );
    expect(up.event).toMatchObject({ watchId: `local:${port}`, pid: holder.pid, process: 'node' });
    expect(
      events.some(
        (e) => e.type === 'watch-state' && e.id === `local:${port}` && e.state.status === 'up',
      ),
    ).toBe(true);
    const [watch] = service.state().watches;
    expect(watch?.state).toMatchObject({ status: 'up', owner: { pid: holder.pid } });

    // The transition was written to history and exports as CSV.
    const exported = await service.handle('porthole:history:export', { format: 'csv', port });
    expect(exported.filename).toMatch(new RegExp(`^porthole-history-${port}-\\d{8}\\.csv$`));
    expect(exported.mime).toBe('text/csv');
    const lines = exported.content.trim().split('\r\n');
    expect(lines[0]).toBe('at,kind,port,protocol,target,event,pid,process,detail');
    expect(lines.some((line) => line.includes(`,up,${holder.pid},node,`))).toBe(true);
    const json = await service.handle('porthole:history:export', { format: 'json' });
    expect(json.filename).toMatch(/^porthole-history-all-\d{8}\.json$/);
    expect(JSON.parse(json.content)).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: 'up', port })]),
    );

    const before = events.length;
    expect(await service.handle('porthole:watches:remove', { id: `local:${port}` })).toBe(true);
    expect(service.state().watches).toEqual([]);
    expect(savedSettings(dir).watches).toEqual([]);
    expect(events.slice(before)).toContainEqual({ type: 'watches', watches: [] });
    expect(await service.handle('porthole:watches:remove', { id: `local:${port}` })).toBe(false);
  });

  test('a duplicate is a conflict, a bad target invalid, an unknown id not found', async () => {
    const { service } = await startService({ start: false });
    await service.handle('porthole:watches:add', { target: '62893' });
    expect(await codeOf(service.handle('porthole:watches:add', { target: ':62893' }))).toBe(
      'conflict',
    );
    expect(await codeOf(service.handle('porthole:watches:add', { target: 'abc' }))).toBe(
      'invalid-request',
    );
    expect(
      await codeOf(service.handle('porthole:watches:update', { id: 'nope', changes: {} })),
    ).toBe('not-found');
    expect(
      await codeOf(service.handle('porthole:watches:snooze', { id: 'nope', until: null })),
    ).toBe('not-found');
  });

  test('editing the target moves a derived id along; a chosen label and expectation are kept', async () => {
    const { service, dir } = await startService({ start: false });
    await service.handle('porthole:watches:add', { target: '62893', label: 'api', expect: 'node' });
    const moved = await service.handle('porthole:watches:update', {
      id: 'local:62893',
      changes: { target: '62894' },
    });
    expect(moved.spec).toMatchObject({
      id: 'local:62894',
      target: { port: 62894 },
      label: 'api',
      expect: 'node',
    });
    const cleared = await service.handle('porthole:watches:update', {
      id: 'local:62894',
      changes: { expect: null, intervalMs: 1000 },
    });
    expect(cleared.spec).toMatchObject({ expect: null, intervalMs: 1000, label: 'api' });
    expect(savedSettings(dir).watches).toEqual([cleared.spec]);
  });

  test('snoozing one watch or all, and unsnoozing, shows in the views', async () => {
    const { service, events } = await startService({ start: false });
    await service.handle('porthole:watches:add', { target: '62893' });
    await service.handle('porthole:watches:add', { target: 'db.internal:5432' });
    const until = Date.now() + 60_000;
    const one = await service.handle('porthole:watches:snooze', { id: 'local:62893', until });
    expect(one.map((v) => v.state?.snoozedUntil ?? null)).toEqual([until, null]);
    const all = await service.handle('porthole:watches:snooze', { id: null, until: 'until-up' });
    expect(all.every((v) => v.state?.snoozeUntilUp === true)).toBe(true);
    const none = await service.handle('porthole:watches:snooze', { id: null, until: null });
    // Never observed and no longer snoozed: no state to show yet.
    expect(none.map((v) => v.state)).toEqual([null, null]);
    expect(events.filter((e) => e.type === 'watches')).toHaveLength(5);
  });
});
