// Tray items and notices say "postgres (container db)" for a container's port, not its forwarder.
import { containerRef } from '../../helpers/port-socket.js';
import { describe, expect, test } from 'vitest';
import type { ContainerRef } from '../../../src-main/domain/container.js';
import { Notifier } from '../../../src-main/electron/notifier.js';
import { trayView, type MenuItemModel } from '../../../src-main/electron/tray-view.js';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { FakeNotification } from './fake-electron.js';
import { T0, exposedListener, listener, state, watchEvent, watchState } from './state.js';

const DB: ContainerRef = containerRef({ id: 'c'.repeat(64) });
const forwarder = { pid: 5040, process: 'docker-proxy', command: '/usr/sbin/docker-proxy' };

function labels(menu: MenuItemModel[]): string[] {
  return menu.flatMap((m) => ('label' in m ? [m.label] : []));
}

describe('tray', () => {
  test("an exposed container's problem item names the container", () => {
    const sockets = [exposedListener(15432, { ...forwarder, container: DB })];
    const snapshot = { takenAt: T0, sockets, unattributed: 0, source: 'proc', warnings: [] };
    const view = trayView(state({ snapshot }), { platform: 'linux', startAtLogin: false, now: T0 });
    expect(view.icon).toBe('attention');
    expect(labels(view.menu)).toContain(
      '15432 · postgres (container db) · reachable from other machines on 0.0.0.0',
    );
  });
});

function notifier(notifyOnExposure = true) {
  const shown: FakeNotification[] = [];
  const n = new Notifier({
    isSupported: () => true,
    createNotification: (options) => {
      const made = new FakeNotification(options);
      shown.push(made);
      return made;
    },
    settings: () => ({
      notifyOnExposure,
      cooldownMs: 60_000,
      snoozedUntil: null,
      acknowledgedExposures: [],
    }),
    openRoute: () => undefined,
    clock: () => T0,
  });
  return { n, shown, send: (e: PortholeEvent) => n.handle(e) };
}

const diff = (added: ReturnType<typeof listener>[]): PortholeEvent => ({
  type: 'snapshot-diff',
  takenAt: T0,
  diff: { added, removed: [], changed: [] },
  unattributed: 0,
  warnings: [],
  source: 'proc',
});

describe('notices', () => {
  test('a newly exposed container: its name in the title, Docker and 127.0.0.1 in the body', () => {
    const t = notifier();
    t.n.seed(state());
    t.send(diff([exposedListener(15432, { ...forwarder, container: DB })]));
    expect(t.shown).toHaveLength(1);
    const { title, body } = t.shown[0]!.options;
    expect(title).toBe('postgres (container db) on port 15432 is reachable from other machines');
    expect(body).toContain("Docker's published ports bypass ufw and firewalld rules");
    expect(body).toContain('127.0.0.1:15432:5432');
  });

  test("a watch's down notice names the container its forwarder held the port for", () => {
    const t = notifier(false);
    const socket = listener(15432, { ...forwarder, container: DB });
    t.n.seed(
      state({
        snapshot: { takenAt: T0, sockets: [socket], unattributed: 0, source: 'proc', warnings: [] },
      }),
    );
    t.send({
      type: 'watch-state',
      id: 'w-15432',
      state: watchState('up', T0, { consecutiveFailures: 1, lastCheckedAt: T0 }),
    });
    t.send({
      type: 'watch-event',
      event: watchEvent(15432, 'down', { pid: 5040, process: 'docker-proxy' }),
    });
    expect(t.shown[0]!.options).toEqual({
      title: '15432 is down',
      body: 'postgres (container db) stopped listening just now. Start the container again (docker start db), or click to see the port.',
    });
  });

  test('a forwarder with no known container is named as the process', () => {
    const t = notifier(false);
    t.n.seed(state());
    t.send({
      type: 'watch-event',
      event: watchEvent(15432, 'down', { pid: 5040, process: 'docker-proxy' }),
    });
    expect(t.shown[0]!.options.body).toMatch(/^docker-proxy \(PID 5040\) stopped listening/);
  });
});
