// Starts PortholeService with the real collector, settings and history in a temp directory.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Collector } from '../../../src-main/core/collector/index.js';
import type { ContainerSource } from '../../../src-main/core/containers/source.js';
import { HistoryLog } from '../../../src-main/core/history/history-log.js';
import { PortholeService, toTransportError } from '../../../src-main/service/index.js';
import { SettingsStore } from '../../../src-main/core/settings/index.js';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { holdSockets, stopAllHolders, type Holder } from '../../helpers/sockets.js';

export const dirs: string[] = [];
export const services: PortholeService[] = [];

/** Stops every service started, every holder, and removes the temp directories (afterEach). */
export async function cleanUp(): Promise<void> {
  for (const service of services.splice(0)) {
    await service.stop();
    service.dispose();
  }
  await stopAllHolders();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Started {
  service: PortholeService;
  dir: string;
  events: PortholeEvent[];
  /** Resolves with the first event (seen so far or later) matching; rejects after `ms`. */
  waitFor<T extends PortholeEvent>(match: (e: PortholeEvent) => e is T, ms?: number): Promise<T>;
}

export async function startService(
  options: {
    allowKill?: boolean;
    start?: boolean;
    openExternal?: (url: string) => Promise<void>;
    transport?: 'ipc' | 'http';
    collector?: Collector;
    containers?: ContainerSource | null;
  } = {},
): Promise<Started> {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-service-'));
  dirs.push(dir);
  const service = await PortholeService.create({
    settings: new SettingsStore({ dir }),
    history: new HistoryLog({ file: path.join(dir, 'history.jsonl') }),
    transport: options.transport ?? 'ipc',
    allowKill: options.allowKill ?? false,
    openExternal: options.openExternal,
    processControl: { graceMs: 1_000 },
    collector: options.collector,
    containers: options.containers,
  });
  services.push(service);
  const events: PortholeEvent[] = [];
  const waiters = new Set<() => void>();
  service.onEvent((event) => {
    events.push(event);
    for (const wake of [...waiters]) wake();
  });
  if (options.start !== false) service.start();
  const waitFor = <T extends PortholeEvent>(
    match: (e: PortholeEvent) => e is T,
    ms = 8_000,
  ): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = events.find(match);
        if (!found) return false;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(
          new Error(
            `no matching event within ${ms} ms; saw ${events.map((e) => e.type).join(', ')}`,
          ),
        );
      }, ms);
      if (!check()) waiters.add(wake);
    });
  return { service, dir, events, waitFor };
}

export function savedSettings(dir: string): {
  watches: { id: string }[];
  preferences: Record<string, unknown>;
  acknowledgedExposures: string[];
} {
  return JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')) as ReturnType<
    typeof savedSettings
  >;
}

/**
 * Everything a call could change, as one comparable string: the settings file on disk and what
 * the service holds in memory (watches, preferences, snoozes, acknowledged exposures).
 */
export function serviceState({ service, dir }: Started): string {
  const file = path.join(dir, 'settings.json');
  const state = service.state();
  return JSON.stringify({
    file: existsSync(file) ? readFileSync(file, 'utf8') : null,
    watches: state.watches,
    preferences: service.preferences(),
    notificationsSnoozedUntil: state.notificationsSnoozedUntil,
    acknowledgedExposures: state.acknowledgedExposures,
    settingsWarnings: state.settingsWarnings,
  });
}

/** The error code a call was refused with. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return toTransportError(error).code;
  }
  throw new Error('the call succeeded');
}

/** One holder on 127.0.0.1:P and another on ::1:P; retries a few times if ::1:P is taken. */
export async function splitPort(): Promise<{ v4: Holder; v6: Holder; port: number }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const v4 = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = v4.sockets[0]!.port;
    try {
      const v6 = await holdSockets({ listen: [{ host: '::1', port }] });
      return { v4, v6, port };
    } catch {
      await v4.stop();
    }
  }
  throw new Error('could not hold one port on both 127.0.0.1 and ::1');
}
