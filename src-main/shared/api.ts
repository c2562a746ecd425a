// The one API the window talks to, whichever transport carries it (Electron preload or browser mode).
import type { HistoryEntry, HistoryQuery } from '../domain/history-entry.js';
import type { ProbeResult } from '../domain/model.js';
import type { ContainerStopResult } from '../domain/container.js';
import type { ExplanationView } from '../domain/explanation.js';
import type {
  Channel,
  Envelope,
  ErrorCode,
  HistoryExport,
  KillResult,
  PortholeEvent,
  PortholeState,
  PreferencesPatch,
  ProcessIdentity,
  RequestOf,
  ResponseOf,
  SettingsView,
  WatchInput,
  WatchView,
  WhoResult,
} from './contract.js';

export interface PortholeApi {
  getState(): Promise<PortholeState>;
  /** Live updates; returns the unsubscribe function. Listeners get payloads, never transport events. */
  onEvent(listener: (event: PortholeEvent) => void): () => void;
  addWatch(input: WatchInput): Promise<WatchView>;
  updateWatch(id: string, changes: Partial<WatchInput>): Promise<WatchView>;
  removeWatch(id: string): Promise<boolean>;
  /** `until`: epoch ms, 'until-up', or null to unsnooze; id null = every watch. */
  snoozeWatch(id: string | null, until: number | 'until-up' | null): Promise<WatchView[]>;
  snoozeNotifications(until: number | null): Promise<number | null>;
  whoIsOn(port: number): Promise<WhoResult>;
  probe(target: string): Promise<ProbeResult>;
  freePorts(near: number, count?: number): Promise<number[]>;
  /** `porthole explain`: the cause of a pasted error (or a port, URL) and the fix. */
  explain(text: string): Promise<ExplanationView>;
  queryHistory(query: HistoryQuery): Promise<HistoryEntry[]>;
  exportHistory(format: 'csv' | 'json', port?: number): Promise<HistoryExport>;
  inspectProcess(pid: number): Promise<ProcessIdentity>;
  killProcess(pid: number, startToken: string | null, force: boolean): Promise<KillResult>;
  /** Stops a container through its engine (allowed where killProcess is). */
  stopContainer(engine: string, id: string): Promise<ContainerStopResult>;
  getSettings(): Promise<SettingsView>;
  updateSettings(patch: PreferencesPatch): Promise<SettingsView>;
  acknowledgeExposure(key: string): Promise<string[]>;
  /** Flags the listener as exposed again; returns the acknowledgements left. */
  unacknowledgeExposure(key: string): Promise<string[]>;
  openExternal(url: string): Promise<boolean>;
}

/** Sends one request over the transport and returns its envelope (never throws for remote errors). */
export type Invoke = <C extends Channel>(
  channel: C,
  request: RequestOf<C>,
) => Promise<Envelope<ResponseOf<C>>>;

export type Subscribe = (listener: (event: PortholeEvent) => void) => () => void;

/** A remote call failed: `code` says how (`invalid-request`, `forbidden`, `failed`, ...). */
export class PortholeError extends Error {
  override readonly name = 'PortholeError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Builds the domain API over any transport. */
export function createPortholeApi(invoke: Invoke, subscribe: Subscribe): PortholeApi {
  async function call<C extends Channel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<ResponseOf<C>> {
    const envelope = await invoke(channel, request);
    if (envelope.ok) return envelope.value;
    throw new PortholeError(envelope.error.code, envelope.error.message);
  }
  return {
    getState: () => call('porthole:state:get', undefined),
    onEvent: (listener) => subscribe(listener),
    addWatch: (input) => call('porthole:watches:add', input),
    updateWatch: (id, changes) => call('porthole:watches:update', { id, changes }),
    removeWatch: (id) => call('porthole:watches:remove', { id }),
    snoozeWatch: (id, until) => call('porthole:watches:snooze', { id, until }),
    snoozeNotifications: (until) => call('porthole:notifications:snooze', { until }),
    whoIsOn: (port) => call('porthole:ports:who', { port }),
    probe: (target) => call('porthole:ports:probe', { target }),
    freePorts: (near, count) =>
      call('porthole:ports:free', count === undefined ? { near } : { near, count }),
    explain: (text) => call('porthole:ports:explain', { text }),
    queryHistory: (query) => call('porthole:history:query', query),
    exportHistory: (format, port) =>
      call('porthole:history:export', port === undefined ? { format } : { format, port }),
    inspectProcess: (pid) => call('porthole:process:inspect', { pid }),
    killProcess: (pid, startToken, force) =>
      call('porthole:process:kill', { pid, startToken, force }),
    stopContainer: (engine, id) => call('porthole:containers:stop', { engine, id }),
    getSettings: () => call('porthole:settings:get', undefined),
    updateSettings: (patch) => call('porthole:settings:update', patch),
    acknowledgeExposure: (key) => call('porthole:exposures:acknowledge', { key }),
    unacknowledgeExposure: (key) => call('porthole:exposures:unacknowledge', { key }),
    openExternal: (url) => call('porthole:app:open-external', { url }),
  };
}
