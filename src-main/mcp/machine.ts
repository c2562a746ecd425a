// What the MCP tools read and ask: a service over this machine whose monitor writes nothing (no history, no loop).
import { createCollector, defaultContainerSource } from '../core/collector/index.js';
import { HistoryLog } from '../core/history/history-log.js';
import { Monitor } from '../core/monitor/monitor.js';
import { SettingsStore } from '../core/settings/index.js';
import type { Snapshot, WatchSpec } from '../domain/model.js';
import { dispatch, PortholeService, serviceError } from '../service/index.js';
import type { Channel, RequestOf, ResponseOf } from '../shared/contract.js';

export interface MachineOptions {
  allowKill: boolean;
  /** Where warnings go (stderr): stdout carries protocol messages only. */
  log: (line: string) => void;
}

/** The saved settings the reports read: watches (unexpected owners) and acknowledged exposures. */
export interface ReportSettings {
  watches: WatchSpec[];
  acknowledgedExposures: string[];
}

export class McpMachine {
  readonly #service: PortholeService;
  readonly #log: (line: string) => void;

  private constructor(service: PortholeService, log: (line: string) => void) {
    this.#service = service;
    this.#log = log;
  }

  /**
   * The service the window uses (its kill and explain handlers, settings followed from the file),
   * with a monitor that is never started and records nothing: every answer takes a snapshot then.
   */
  static async create(options: MachineOptions): Promise<McpMachine> {
    const store = new SettingsStore();
    const loaded = await store.loadOrDefaults();
    for (const message of loaded.warnings) options.log(`warning: ${message}`);
    const containers = defaultContainerSource();
    const monitor = new Monitor({
      collector: createCollector({ containers }),
      mode: 'watching',
      history: null,
      recordConflicts: false,
    });
    const service = await PortholeService.create({
      settings: store,
      loaded,
      // Read by explain (a port's recent past); the monitor above never writes to it.
      history: new HistoryLog({ limit: loaded.settings.preferences.historyLimit }),
      monitor,
      // No browser border: a refusal of kill reads as the desktop app's would.
      transport: 'ipc',
      allowKill: options.allowKill,
      containers,
    });
    return new McpMachine(service, options.log);
  }

  /** A snapshot taken now; a collector that fails is an error in words (the tool's answer). */
  async snapshot(): Promise<Snapshot> {
    const snapshot = await this.#service.monitor.refresh();
    if (snapshot) {
      for (const warning of snapshot.warnings) this.#log(`warning: ${warning}`);
      return snapshot;
    }
    const reason = this.#service.monitor.status.reason ?? 'unknown reason';
    throw serviceError('unavailable', `could not collect sockets (${reason})`);
  }

  /** A snapshot now, or null when sockets cannot be collected (the answer then says less). */
  async snapshotOrNull(): Promise<Snapshot | null> {
    return this.snapshot().catch((error: unknown) => {
      this.#log(`warning: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
  }

  settings(): ReportSettings {
    const state = this.#service.state();
    return {
      watches: state.watches.map((w) => w.spec),
      acknowledgedExposures: state.acknowledgedExposures,
    };
  }

  /**
   * One request through the contract, as the window makes it: validated, then the service's own
   * handler; a refusal throws a PortholeError carrying its words.
   */
  async ask<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const envelope = await dispatch(this.#service, channel, request, (error) =>
      this.#log(`unexpected error: ${error instanceof Error ? error.message : String(error)}`),
    );
    if (envelope.ok) return envelope.value;
    throw serviceError(envelope.error.code, envelope.error.message);
  }

  async close(): Promise<void> {
    await this.#service.stop();
    this.#service.dispose();
  }
}
