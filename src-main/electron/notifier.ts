// The one notification service: turns PortholeEvents into desktop notices, de-duplicated, cooled down and snooze-aware.
import type { NotificationConstructorOptions } from 'electron';
import type { ContainerRef } from '../domain/container.js';
import type { Clock, Conflict, PortSocket, SnapshotDiff, WatchEvent } from '../domain/model.js';
import { exposureKey, isExposed } from '../domain/exposure.js';
import { alarmingConflicts } from '../domain/problems.js';
import { isSnoozed } from '../domain/snooze.js';
import { parseWatchTarget } from '../core/watches/watch-target.js';
import type { PortholeEvent, PortholeState, WatchView } from '../shared/contract.js';
import type { Route } from '../shared/routes.js';
import type { NotificationHandle } from './handles.js';
import {
  conflictNotice,
  exposureNotice,
  watchNotice,
  type NoticeText,
} from './notification-text.js';

/** Read on every event, so preference and snooze changes apply at once. */
export interface NotifierSettings {
  notifyOnExposure: boolean;
  cooldownMs: number;
  /** Global snooze end (epoch ms), or null. */
  snoozedUntil: number | null;
  acknowledgedExposures: readonly string[];
}

export interface NotifierOptions {
  /** `Notification.isSupported()`; when false the tray's state is the only signal. */
  isSupported(): boolean;
  createNotification(options: NotificationConstructorOptions): NotificationHandle;
  settings(): NotifierSettings;
  /** A notice was clicked: open the window at this place (a port's page, or Watches). */
  openRoute(route: Route): void;
  clock: Clock;
}

/** Shown notices are referenced until closed: a collected one loses its click handler. */
const MAX_LIVE = 20;
/** Containers remembered by their forwarder's PID and name (a few per published port). */
const MAX_CONTAINERS = 500;

export class Notifier {
  readonly supported: boolean;
  /** (kind, port) → when last shown. */
  private readonly lastShown = new Map<string, number>();
  private readonly live = new Set<NotificationHandle>();
  /** False until the conflicts at start-up are known: those are the baseline, not news. */
  private conflictsKnown = false;
  private haveSnapshot = false;
  /** Watches seen down this session: only their recovery is worth an "up" notice. */
  private readonly wasDown = new Set<string>();
  /** Watch id → time of the first failed check of the current outage. */
  private readonly failingSince = new Map<string, number>();
  /** `pid|process` → the container whose port it held: a watch's down notice comes after its
   *  socket has gone, and should still name the container. */
  private readonly containers = new Map<string, ContainerRef>();

  constructor(private readonly options: NotifierOptions) {
    this.supported = safeSupported(() => options.isSupported());
  }

  /** Takes the state at start-up as known: what was already wrong is in the tray, not a notice. */
  seed(state: PortholeState): void {
    this.haveSnapshot = state.snapshot !== null;
    this.rememberContainers(state.snapshot?.sockets ?? []);
    this.conflictsKnown = this.haveSnapshot;
    this.trackWatches(state.watches);
  }

  handle(event: PortholeEvent): void {
    switch (event.type) {
      case 'state':
        return this.seed(event.state);
      case 'watches':
        return this.trackWatches(event.watches);
      case 'watch-state':
        return this.trackFailures(
          event.id,
          event.state.consecutiveFailures,
          event.state.lastCheckedAt,
        );
      case 'watch-event':
        return this.onWatchEvent(event.event);
      case 'conflicts':
        return this.onConflicts(event.appeared);
      case 'snapshot-diff':
        return this.onDiff(event.diff);
      default:
        return;
    }
  }

  /** A one-off message (not tied to a port): shown when supported, whatever the snooze. */
  notice(text: NoticeText): void {
    if (this.supported) this.show(text, null);
  }

  private onWatchEvent(event: WatchEvent): void {
    const recovered = event.event === 'up' && this.wasDown.has(event.watchId);
    if (event.event === 'down') this.wasDown.add(event.watchId);
    if (event.event === 'up') this.wasDown.delete(event.watchId);
    // A first "up" at start-up is not news; a recovery is. Nor is a restatement: the monitor
    // marks a watch's first event after a start that repeats history (down before, down still).
    if (event.silenced || event.restated === true || (event.event === 'up' && !recovered)) return;
    const text = watchNotice(
      event,
      this.failingSince.get(event.watchId) ?? null,
      this.options.clock(),
      this.containers.get(`${event.pid}|${event.process}`) ?? null,
    );
    this.maybeShow(`${event.event}|${event.target}`, text, watchRoute(event.target));
  }

  private onConflicts(appeared: Conflict[]): void {
    const baseline = !this.conflictsKnown;
    this.conflictsKnown = true;
    if (baseline) return; // the first conflicts after start-up are the baseline
    // Hints and info show in lists; only errors and warnings interrupt the user.
    for (const conflict of alarmingConflicts(appeared)) {
      this.maybeShow(`conflict|${conflict.port}`, conflictNotice(conflict), {
        view: 'port',
        port: conflict.port,
      });
    }
  }

  private onDiff(diff: SnapshotDiff): void {
    this.rememberContainers([...diff.added, ...diff.changed.map((c) => c.after)]);
    const baseline = !this.haveSnapshot;
    this.haveSnapshot = true;
    const settings = this.options.settings();
    if (baseline || !settings.notifyOnExposure) return;
    const acknowledged = new Set(settings.acknowledgedExposures);
    const newlyExposed = [
      ...diff.added.filter(isExposed),
      ...diff.changed.filter((c) => isExposed(c.after) && !isExposed(c.before)).map((c) => c.after),
    ].filter((s) => !acknowledged.has(exposureKey(s)));
    const byPort = new Map<number, PortSocket[]>();
    for (const socket of newlyExposed) {
      byPort.set(socket.localPort, [...(byPort.get(socket.localPort) ?? []), socket]);
    }
    for (const [port, sockets] of byPort) {
      this.maybeShow(`exposure|${port}`, exposureNotice(sockets), { view: 'port', port });
    }
  }

  private rememberContainers(sockets: readonly PortSocket[]): void {
    for (const s of sockets) {
      if (!s.container || s.pid === null) continue;
      const key = `${s.pid}|${s.process}`;
      this.containers.delete(key);
      this.containers.set(key, s.container);
      if (this.containers.size > MAX_CONTAINERS) {
        this.containers.delete(this.containers.keys().next().value!);
      }
    }
  }

  private trackWatches(watches: readonly WatchView[]): void {
    const ids = new Set(watches.map((w) => w.spec.id));
    for (const id of [...this.wasDown, ...this.failingSince.keys()]) {
      if (!ids.has(id)) {
        this.wasDown.delete(id);
        this.failingSince.delete(id);
      }
    }
    for (const { spec, state } of watches) {
      if (!state) continue;
      if (state.status === 'down') this.wasDown.add(spec.id);
      this.trackFailures(spec.id, state.consecutiveFailures, state.lastCheckedAt);
    }
  }

  private trackFailures(id: string, failures: number, checkedAt: number | null): void {
    if (failures === 0) this.failingSince.delete(id);
    else if (!this.failingSince.has(id)) {
      this.failingSince.set(id, checkedAt ?? this.options.clock());
    }
  }

  private maybeShow(key: string, text: NoticeText, route: Route | null): void {
    if (!this.supported) return;
    const now = this.options.clock();
    const settings = this.options.settings();
    if (isSnoozed(settings.snoozedUntil, now)) return;
    const last = this.lastShown.get(key);
    if (last !== undefined && now - last < settings.cooldownMs) return;
    this.lastShown.set(key, now);
    this.show(text, route);
  }

  private show(text: NoticeText, route: Route | null): void {
    const notification = this.options.createNotification({ title: text.title, body: text.body });
    const release = () => this.live.delete(notification);
    notification.on('click', () => {
      release();
      if (route !== null) this.options.openRoute(route);
    });
    notification.on('close', release);
    this.live.add(notification);
    if (this.live.size > MAX_LIVE) this.live.delete(this.live.values().next().value!);
    notification.show();
  }
}

function safeSupported(isSupported: () => boolean): boolean {
  try {
    return isSupported();
  } catch {
    return false;
  }
}

/**
 * A watch on this machine's port opens that port's page; a remote one (`db.internal:5432`, whose
 * local port page would describe something else) or a target the core would not have made, Watches.
 */
function watchRoute(target: string): Route {
  try {
    const { host, port } = parseWatchTarget(target);
    if (host === null) return { view: 'port', port };
  } catch {
    // fall through to the list of watches
  }
  return { view: 'watches' };
}
