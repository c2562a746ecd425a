// PortholeStore: loads state, replays pushed events, marks new rows for one refresh and fades closed ones.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { socketKey, type SnapshotDiff } from '../../../src-main/domain/index.js';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import { conflict, connection, fakeApi, listener, makeState, NOW } from '../fakes.js';

const web = listener({ localPort: 3000, inode: 1 });
const db = listener({
  localPort: 5432,
  localAddress: '0.0.0.0',
  exposure: 'all-interfaces',
  process: 'postgres',
  pid: 900,
  inode: 2,
});
const client = connection({ inode: 3 });

function diff(over: Partial<SnapshotDiff>): SnapshotDiff {
  return { added: [], removed: [], changed: [], ...over };
}

function diffEvent(d: SnapshotDiff, takenAt = NOW + 2000) {
  return {
    type: 'snapshot-diff' as const,
    takenAt,
    diff: d,
    unattributed: 0,
    warnings: [],
    source: 'proc',
  };
}

function snapshotState(sockets = [web, db, client]) {
  return makeState({
    snapshot: { takenAt: NOW, sockets, unattributed: 2, source: 'proc', warnings: ['w'] },
  });
}

describe('PortholeStore', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('start subscribes, then loads the state', async () => {
    const api = fakeApi(snapshotState());
    const store = new PortholeStore(api, () => Date.now());
    await store.start();
    expect(api.subscribers()).toBe(1);
    expect(store.loaded).toBe(true);
    expect(store.connected).toBe(true);
    expect(store.sockets).toEqual([web, db, client]);
    expect(store.listeners).toEqual([web, db]);
    expect(store.connections).toEqual([client]);
    expect(store.unattributed).toBe(2);
    expect(store.warnings).toEqual(['w']);
    store.stop();
    expect(api.subscribers()).toBe(0);
  });

  test('a failed load is reported, and a pushed state clears it', async () => {
    const api = fakeApi();
    api.getState.mockRejectedValueOnce(new Error('backend not ready'));
    const store = new PortholeStore(api, () => Date.now());
    await store.start();
    expect(store.loadError).toBe('backend not ready');
    expect(store.connected).toBe(false);
    api.emit({ type: 'state', state: snapshotState() });
    expect(store.loadError).toBeNull();
    expect(store.sockets).toHaveLength(3);
  });

  test('a state pushed while getState is in flight wins over the older reply', async () => {
    const api = fakeApi();
    let reply: (s: ReturnType<typeof makeState>) => void = () => {};
    api.getState.mockImplementationOnce(() => new Promise((resolve) => (reply = resolve)));
    const store = new PortholeStore(api, () => Date.now());
    const started = store.start();
    api.emit({ type: 'state', state: snapshotState([web]) });
    reply(snapshotState([]));
    await started;
    expect(store.sockets).toEqual([web]);
  });

  test('the same state twice (getState, then the stream) is applied once', async () => {
    const api = fakeApi({ ...snapshotState(), conflicts: [conflict()] });
    const store = new PortholeStore(api, () => Date.now());
    await store.start();
    store.handle(diffEvent(diff({ added: [listener({ localPort: 8080, inode: 9 })] })));
    const rows = store.sockets;
    const conflicts = store.conflicts;
    const marks = store.marks;
    expect(marks.size).toBe(1);

    // The stream's opening state, parsed from its own JSON: equal records, new objects.
    const repeat = structuredClone(
      makeState({
        snapshot: {
          takenAt: NOW + 2000,
          sockets: rows,
          unattributed: 0,
          source: 'proc',
          warnings: [],
        },
        conflicts: [conflict()],
      }),
    );
    repeat.settingsWarnings = ['the small parts still count'];
    api.emit({ type: 'state', state: repeat });
    expect(store.sockets).toBe(rows);
    expect(store.conflicts).toBe(conflicts);
    expect(store.marks).toBe(marks);
    expect(store.settingsWarnings).toEqual(['the small parts still count']);

    // Another collection (another time) is a fresh start, even with the same number of sockets.
    api.emit({
      type: 'state',
      state: structuredClone({ ...repeat, snapshot: { ...repeat.snapshot!, takenAt: NOW + 4000 } }),
    });
    expect(store.sockets).not.toBe(rows);
    expect(store.sockets).toEqual(rows);
    expect(store.marks.size).toBe(0);
  });

  test('changed conflicts replace the old ones even when the snapshot is the same', () => {
    const store = new PortholeStore(fakeApi(), () => Date.now());
    store.handle({ type: 'state', state: { ...snapshotState(), conflicts: [conflict()] } });
    const moved = conflict({ port: 3001, message: 'another pair' });
    store.handle({ type: 'state', state: { ...snapshotState(), conflicts: [moved] } });
    expect(store.conflicts).toEqual([moved]);
  });

  test('a conflicts delta adds, replaces and removes by key, keeping port order', () => {
    const store = new PortholeStore(fakeApi(), () => Date.now());
    const on3000 = conflict({ port: 3000 });
    const on5432 = conflict({ port: 5432, message: 'db pair' });
    store.handle({ type: 'state', state: { ...snapshotState(), conflicts: [on3000, on5432] } });
    const kept = store.conflicts;
    store.handle({ type: 'conflicts', appeared: [], changed: [], resolved: [] });
    expect(store.conflicts).toBe(kept); // an empty delta re-sorts and re-filters nothing
    const renamed = conflict({ port: 3000, message: 'vite (PID 4121) on 127.0.0.1 hides …' });
    const on4000 = conflict({ port: 4000 });
    store.handle({
      type: 'conflicts',
      appeared: [on4000],
      changed: [renamed],
      resolved: ['shadowed:tcp:5432'],
    });
    expect(store.conflicts).toEqual([renamed, on4000]);
  });

  test('a diff adds rows marked "added" for one refresh only', () => {
    const api = fakeApi();
    const store = new PortholeStore(api, () => Date.now());
    store.handle({ type: 'state', state: snapshotState([web]) });
    store.handle(diffEvent(diff({ added: [db] })));
    expect(store.sockets).toEqual([web, db]);
    expect(store.markOf(db)).toBe('added');
    expect(store.markOf(web)).toBeUndefined();
    expect(store.takenAt).toBe(NOW + 2000);

    const other = listener({ localPort: 8080, inode: 9 });
    store.handle(diffEvent(diff({ added: [other] })));
    expect(store.markOf(db)).toBeUndefined();
    expect(store.markOf(other)).toBe('added');
  });

  test('removed rows stay visible, marked "removed", then drop after the fade', () => {
    const api = fakeApi();
    const store = new PortholeStore(api, () => Date.now(), { fadeMs: 3000 });
    store.handle({ type: 'state', state: snapshotState([web, db, client]) });
    store.handle(diffEvent(diff({ removed: [db, client] })));

    expect(store.sockets).toEqual([web]);
    expect(store.marks.get(socketKey(db))).toBe('removed');
    expect(store.listenerRows).toEqual([web, db]);
    expect(store.connectionRows).toEqual([client]);
    expect(store.exposed).toEqual([]); // a closed listener is no longer exposed

    vi.advanceTimersByTime(2999);
    expect(store.listenerRows).toEqual([web, db]);
    vi.advanceTimersByTime(1);
    expect(store.listenerRows).toEqual([web]);
    expect(store.connectionRows).toEqual([]);
    expect(store.marks.size).toBe(0);
  });

  test('a row that comes back while fading is live again, marked added', () => {
    const store = new PortholeStore(fakeApi(), () => Date.now());
    store.handle({ type: 'state', state: snapshotState([web, db]) });
    store.handle(diffEvent(diff({ removed: [db] })));
    vi.advanceTimersByTime(1000);
    store.handle(diffEvent(diff({ added: [db] })));
    expect(store.listenerRows).toEqual([web, db]);
    expect(store.markOf(db)).toBe('added');
  });

  test('changed rows are replaced in place, not marked', () => {
    const store = new PortholeStore(fakeApi(), () => Date.now());
    store.handle({ type: 'state', state: snapshotState([web]) });
    const restarted = { ...web, pid: 5000 };
    store.handle(diffEvent(diff({ changed: [{ before: web, after: restarted }] })));
    expect(store.sockets).toEqual([restarted]);
    expect(store.marks.size).toBe(0);
  });

  test('a diff before any state is ignored; a new state clears marks and ghosts', () => {
    const store = new PortholeStore(fakeApi(), () => Date.now());
    store.handle(diffEvent(diff({ added: [db] })));
    expect(store.sockets).toEqual([]);
    store.handle({ type: 'state', state: snapshotState([web, db]) });
    store.handle(diffEvent(diff({ removed: [db] })));
    store.handle({ type: 'state', state: snapshotState([web]) });
    expect(store.marks.size).toBe(0);
    expect(store.listenerRows).toEqual([web]);
  });

  test('exposed leaves out loopback and acknowledged listeners; acknowledge asks the core', async () => {
    const api = fakeApi();
    const v6 = listener({
      family: 6,
      localAddress: '::',
      localPort: 5432,
      exposure: 'all-interfaces',
    });
    const store = new PortholeStore(api, () => Date.now());
    store.handle({ type: 'state', state: snapshotState([web, db, v6]) });
    expect(store.exposed).toEqual([db, v6]);
    await store.acknowledge(db);
    expect(api.acknowledgeExposure).toHaveBeenCalledWith('tcp:0.0.0.0:5432');
    expect(store.acknowledgedExposures).toEqual(['tcp:0.0.0.0:5432']);
    expect(store.exposed).toEqual([v6]);
  });

  test('watch, conflict, status and focus events', () => {
    const store = new PortholeStore(fakeApi(), () => Date.now());
    const watch = (id: string, port: number, host: string | null = null) => ({
      spec: {
        id,
        target: { host, port },
        expect: null,
        intervalMs: 5000,
        failuresToDown: 2,
        successesToUp: 1,
        label: null,
      },
      state: null,
    });
    store.handle({ type: 'state', state: snapshotState([web, db]) });
    store.handle({ type: 'watches', watches: [watch('a', 3000), watch('b', 3000, 'db.local')] });
    expect(store.watchFor(3000)?.spec.id).toBe('a');
    expect(store.downWatches).toEqual([]);

    const down = {
      status: 'down' as const,
      since: NOW,
      owner: null,
      lastCheckedAt: NOW,
      lastLatencyMs: null,
      lastError: 'ECONNREFUSED',
      latencies: [],
      consecutiveFailures: 2,
      consecutiveSuccesses: 0,
      transitions: [],
      flapping: false,
      snoozedUntil: null,
      snoozeUntilUp: false,
    };
    store.handle({ type: 'watch-state', id: 'b', state: down });
    expect(store.downWatches.map((w) => w.spec.id)).toEqual(['b']);

    for (let i = 0; i < 55; i += 1) {
      store.handle({
        type: 'watch-event',
        event: {
          at: NOW + i,
          watchId: 'a',
          target: '3000',
          event: 'up',
          pid: null,
          process: null,
          detail: `e${i}`,
          silenced: false,
        },
      });
    }
    expect(store.lastWatchEvents).toHaveLength(50);
    expect(store.lastWatchEvents[0]?.detail).toBe('e54');

    store.handle({
      type: 'conflicts',
      appeared: [conflict({ port: 3000 })],
      changed: [],
      resolved: [],
    });
    expect(store.conflictsOn(3000)).toHaveLength(1);
    expect(store.conflictsOn(5432)).toEqual([]);
    expect(store.socketsOn(5432)).toEqual([db]);

    store.handle({ type: 'notifications-snoozed', until: NOW + 60_000 });
    expect(store.notificationsSnoozedUntil).toBe(NOW + 60_000);

    vi.setSystemTime(NOW + 5000);
    const status = {
      state: 'degraded' as const,
      reason: 'netstat failed',
      since: NOW,
      retryInMs: 4000,
      source: 'proc',
    };
    store.handle({ type: 'status', status });
    expect(store.status).toEqual(status);
    expect(store.statusAt).toBe(NOW + 5000);

    store.handle({ type: 'focus-port', port: 5432 });
    expect(store.view).toBe('port');
    expect(store.selectedPort).toBe(5432);
    store.show('listeners');
    expect(store.selectedPort).toBeNull();

    store.handle({ type: 'show-view', view: 'watches' });
    expect(store.view).toBe('watches');
  });

  test('losing and regaining the link reloads the state', async () => {
    const api = fakeApi(snapshotState());
    let report: (up: boolean) => void = () => {};
    const store = new PortholeStore(api, () => Date.now(), {
      onConnectionChange: (listener) => {
        report = listener;
        listener(false);
        return () => {};
      },
    });
    await store.start();
    expect(store.connected).toBe(false);
    report(true); // first connection: the stream's own first event is the state
    expect(store.connected).toBe(true);
    expect(api.getState).toHaveBeenCalledTimes(1);
    report(false);
    expect(store.connected).toBe(false);
    report(true);
    expect(store.connected).toBe(true);
    expect(api.getState).toHaveBeenCalledTimes(2);
  });

  test('warnings can be dismissed; the theme comes from preferences', async () => {
    const api = fakeApi(
      makeState({ settingsWarnings: ['settings.json was corrupt; moved aside'] }),
    );
    api.getSettings.mockResolvedValueOnce({
      preferences: {
        refreshIntervalMs: 2000,
        notifyOnExposure: false,
        notificationCooldownMs: 0,
        startAtLogin: false,
        theme: 'dark',
        historyLimit: 100,
        protectedProcesses: [],
      },
      warnings: [],
      path: '/tmp/settings.json',
    });
    const store = new PortholeStore(api, () => Date.now());
    await store.start();
    expect(store.theme).toBe('dark');
    expect(store.visibleSettingsWarnings).toHaveLength(1);
    store.dismissWarning('settings.json was corrupt; moved aside');
    expect(store.visibleSettingsWarnings).toEqual([]);
  });
});
