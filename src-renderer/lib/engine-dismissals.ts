// Which unavailable-engine notices the user dismissed, per engine and reason, kept in localStorage across reloads.
import type { EngineStatus } from '../../src-main/domain/container.js';
import { loadStored, saveStored, type DismissalStorage } from './unattributed-dismissals.js';

export const ENGINE_DISMISSALS_KEY = 'porthole.engine-dismissed';

/** Enough for every engine a machine has, each with a few reasons; the oldest go first. */
const MAX_KEPT = 40;

/** One dismissal: the engine and the reason it gave. Another reason shows the notice again. */
export function dismissalKey(e: Pick<EngineStatus, 'id' | 'reason'>): string {
  return `${e.id}\n${e.reason ?? ''}`;
}

/** The stored dismissals; anything unreadable counts as none. */
export function loadEngineDismissals(storage?: DismissalStorage | null): string[] {
  const value = loadStored(ENGINE_DISMISSALS_KEY, storage);
  if (!Array.isArray(value)) return [];
  return value
    .filter((k): k is string => typeof k === 'string' && k.length < 2000)
    .slice(-MAX_KEPT);
}

/** Adds one dismissal and stores the list; returns it. */
export function dismissEngine(
  dismissed: readonly string[],
  e: Pick<EngineStatus, 'id' | 'reason'>,
  storage?: DismissalStorage | null,
): string[] {
  const key = dismissalKey(e);
  const next = [...dismissed.filter((k) => k !== key), key].slice(-MAX_KEPT);
  saveStored(ENGINE_DISMISSALS_KEY, next, storage);
  return next;
}

/** The unavailable engines whose notice shows: not dismissed with this reason. */
export function enginesToShow(
  engines: readonly EngineStatus[],
  dismissed: readonly string[],
): EngineStatus[] {
  return engines.filter((e) => e.state === 'unavailable' && !dismissed.includes(dismissalKey(e)));
}
