// Node-free times as people read them, in local time: one text for the window, the tray, notices and the CLI.

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-12-05`, the local day. */
export function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `07:32:39`, local time of day. */
export function timeOfDay(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * `2026-12-05 07:32:39` in local time: every date with a time that the window (history, watch
 * rows) and the CLI (history, watch) show. Year first, so it sorts and reads the same in any locale.
 */
export function dateTimeText(at: number): string {
  return `${dayKey(at)} ${timeOfDay(at)}`;
}

function hhmm(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `09:15` today, `tomorrow 08:00`, or `Tue 08:00` further out: the tray's snooze end. */
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

/**
 * `just now`, `42 s ago`, `3 min ago`, `2 h ago`, `5 d ago`. A time ahead of `now` is clock skew
 * between the machine that stamped it and the one reading (a server, a window): it reads `just
 * now`, never "in a moment".
 */
export function agoText(at: number, now: number): string {
  const seconds = Math.floor((now - at) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  return `${durationText(now - at)} ago`;
}
