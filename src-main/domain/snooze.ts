// Node-free: the notification-snooze presets the tray and the window offer, when each ends, and who is snoozed.
import type { WatchState } from './model.js';

export type SnoozePreset = '15-min' | '1-hour' | 'tomorrow';
export type SnoozeChoice = SnoozePreset | 'resume';

/** In the order both menus list them. */
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['15-min', '1-hour', 'tomorrow'];

/** "Until tomorrow 08:00" snoozes until this hour of the next calendar day, local time. */
export const MORNING_HOUR = 8;

const MINUTE = 60_000;

/** 08:00 on the calendar day after `now`, local time (DST-safe: built from date parts). */
export function tomorrowMorning(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, MORNING_HOUR).getTime();
}

/** True while a snooze that ends at `until` (null: none) is running. */
export function isSnoozed(until: number | null, now: number): until is number {
  return until !== null && until > now;
}

/** True while one watch's notices are held back: until it is up again, or until a time. */
export function isWatchSnoozed(
  state: Pick<WatchState, 'snoozeUntilUp' | 'snoozedUntil'> | null,
  now: number,
): boolean {
  return state !== null && (state.snoozeUntilUp || isSnoozed(state.snoozedUntil, now));
}

/** Epoch ms the snooze ends, or null to resume. */
export function snoozeUntil(choice: SnoozeChoice, now: number): number | null {
  switch (choice) {
    case '15-min':
      return now + 15 * MINUTE;
    case '1-hour':
      return now + 60 * MINUTE;
    case 'tomorrow':
      return tomorrowMorning(now);
    case 'resume':
      return null;
  }
}
