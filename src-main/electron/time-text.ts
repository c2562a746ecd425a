// Short local-time and duration phrases for the tray and notifications.

function hhmm(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** `09:15` today, `tomorrow 08:00`, or `Tue 08:00` further out; local time. */
export function clockText(at: number, now: number): string {
  const date = new Date(at);
  const day = (d: Date) => d.toDateString();
  if (day(date) === day(new Date(now))) return hhmm(date);
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  if (day(date) === day(tomorrow)) return `tomorrow ${hhmm(date)}`;
  return `${date.toLocaleDateString('en-US', { weekday: 'short' })} ${hhmm(date)}`;
}

/** `<1 min`, `3 min`, `2 h`, `3 d`: coarse on purpose, so the tray menu changes at most once a minute. */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** `just now`, `10 s ago`, `3 min ago`, `2 h ago`: for a notification, read once. */
export function agoText(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  return `${durationText(ms)} ago`;
}
