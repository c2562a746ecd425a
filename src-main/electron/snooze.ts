// The tray's notification-snooze choices and the moment each one ends.

export type SnoozeChoice = '15-min' | '1-hour' | 'tomorrow' | 'resume';

/** Epoch ms the snooze ends, or null to resume. "Tomorrow" means 08:00 local time the next day. */
export function snoozeUntil(choice: SnoozeChoice, now: number): number | null {
  switch (choice) {
    case '15-min':
      return now + 15 * 60_000;
    case '1-hour':
      return now + 60 * 60_000;
    case 'tomorrow': {
      const date = new Date(now);
      date.setDate(date.getDate() + 1);
      date.setHours(8, 0, 0, 0);
      return date.getTime();
    }
    case 'resume':
      return null;
  }
}
