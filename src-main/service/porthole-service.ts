// The transport-free backend: composes settings, history and the monitor behind one handler per channel.
import type {
  Channel,
  PortholeBackend,
  PortholeEvent,
  PortholeState,
  RequestOf,
  ResponseOf,
} from '../shared/contract.js';
import { createCollector, type Collector } from '../core/collector/index.js';
import type { ContainerSource } from '../core/containers/source.js';
import { InputError } from '../core/errors.js';
import type { HistoryLog } from '../core/history/history-log.js';
import { systemClock, type Clock } from '../domain/model.js';
import { Monitor } from '../core/monitor/monitor.js';
import { followFile } from '../core/settings/follow-file.js';
import type { LoadResult, Preferences, SettingsStore } from '../core/settings/index.js';
import { ServiceContext } from './context.js';
import { asServiceError, serviceError } from './errors.js';
import { forwardMonitorEvents } from './events.js';
import { appHandlers } from './handlers/app.js';
import { explainHandlers } from './handlers/explain.js';
import { historyHandlers } from './handlers/history.js';
import { portHandlers } from './handlers/ports.js';
import { processHandlers, type ProcessSeams } from './handlers/process.js';
import { containerHandlers } from './handlers/containers.js';
import { settingsHandlers } from './handlers/settings.js';
import type { HandlerMap } from './handlers/types.js';
import { watchHandlers } from './handlers/watches.js';

export interface ServiceOptions {
  settings: SettingsStore;
  /** The settings' load result when the caller already loaded them (a second load would lose the
   *  warnings of a file the first one moved aside). Default: loaded here. */
  loaded?: LoadResult;
  history: HistoryLog;
  /** Default createCollector(). */
  collector?: Collector;
  /** Tests may hand one in; default built from the settings (watches, refresh interval) and history. */
  monitor?: Monitor;
  transport: 'ipc' | 'http';
  /** Electron: true; browser mode: only with --allow-kill. */
  allowKill: boolean;
  clock?: Clock;
  /** Opens a vetted http(s) URL in the user's browser. Absent = not supported (returns false). */
  openExternal?: (url: string) => Promise<void>;
  /** Container engines: stopping a container through its engine (porthole:containers:stop). The
   *  collector that attributes ports to containers is given its own source; null or absent: none. */
  containers?: ContainerSource | null;
  /** Test seams of process kill (grace period, signal sender, process reader). */
  processControl?: ProcessSeams;
  /** Re-read settings.json when another process changes it (default true); the debounce in ms. */
  followSettings?: boolean;
  followDebounceMs?: number;
}

export class PortholeService implements PortholeBackend {
  readonly monitor: Monitor;
  readonly #ctx: ServiceContext;
  readonly #handlers: HandlerMap;
  readonly #detach: () => void;
  #unfollow: () => void = () => undefined;

  private constructor(ctx: ServiceContext, seams: ProcessSeams) {
    this.#ctx = ctx;
    this.monitor = ctx.monitor;
    // A channel missing here is a type error: HandlerMap requires every one.
    this.#handlers = {
      ...appHandlers(ctx),
      ...watchHandlers(ctx),
      ...portHandlers(ctx),
      ...explainHandlers(ctx),
      ...historyHandlers(ctx),
      ...processHandlers(ctx, seams),
      ...containerHandlers(ctx),
      ...settingsHandlers(ctx),
    };
    this.#detach = forwardMonitorEvents(ctx.monitor, (event) => ctx.emit(event));
  }

  /** Loads settings (keeping their warnings for the window's banner), builds the monitor with the saved watches and history. */
  static async create(options: ServiceOptions): Promise<PortholeService> {
    const clock = options.clock ?? systemClock;
    const { settings, warnings } = options.loaded ?? (await options.settings.loadOrDefaults());
    const monitor =
      options.monitor ??
      new Monitor({
        collector: options.collector ?? createCollector({ clock, containers: options.containers }),
        clock,
        history: options.history,
        watches: settings.watches,
        // Cheap until a window opens (setWindowOpen).
        mode: 'watching',
        activeIntervalMs: settings.preferences.refreshIntervalMs,
      });
    if (options.monitor) monitor.setWatches(settings.watches);
    const ctx = new ServiceContext({
      store: options.settings,
      history: options.history,
      monitor,
      clock,
      transport: options.transport,
      allowKill: options.allowKill,
      openExternal: options.openExternal ?? null,
      settings,
      settingsWarnings: warnings,
      containers: options.containers ?? null,
    });
    const service = new PortholeService(ctx, options.processControl ?? {});
    if (options.followSettings !== false) {
      service.#unfollow = await followFile(options.settings.path, () => ctx.reloadSettings(), {
        debounceMs: options.followDebounceMs,
      });
    }
    return service;
  }

  start(): void {
    this.monitor.start();
  }

  /** Stops the monitor and waits for history writes already started. */
  async stop(): Promise<void> {
    this.monitor.stop();
    this.#ctx.containers?.close();
    await this.monitor.flush();
  }

  state(): PortholeState {
    return this.#ctx.state();
  }

  /** Runs an already-validated request; expected failures throw errors with a `code`. */
  async handle<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const handler = Object.hasOwn(this.#handlers, channel) ? this.#handlers[channel] : undefined;
    if (!handler) throw serviceError('not-found', `unknown channel ${String(channel)}`);
    try {
      return await handler(request);
    } catch (error) {
      throw asServiceError(error);
    }
  }

  onEvent(listener: (event: PortholeEvent) => void): () => void {
    return this.#ctx.onEvent(listener);
  }

  /** A window opened or closed: full refreshes every refreshIntervalMs only while one is open. */
  setWindowOpen(open: boolean): void {
    this.monitor.setMode(open ? 'active' : 'watching');
  }

  /** Asks windows to show a port (a notification was clicked). */
  focusPort(port: number): void {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new InputError(`port ${String(port)} is out of range (1-65535)`);
    }
    this.#ctx.emit({ type: 'focus-port', port });
  }

  /** Asks windows to show one view (the tray's "Watch a port…" opens the watch form). */
  showView(view: 'overview' | 'watches' | 'history' | 'settings'): void {
    this.#ctx.emit({ type: 'show-view', view });
  }

  preferences(): Preferences {
    return this.#ctx.preferences();
  }

  notificationsSnoozedUntil(): number | null {
    return this.#ctx.notificationsSnoozedUntil();
  }

  /** Stops forwarding monitor events and following the settings file (the service is being thrown away). */
  dispose(): void {
    this.#detach();
    this.#unfollow();
  }
}
