// One line per watch event: a timestamped sentence for people, a JSON object for scripts.
import type { WatchEvent } from '../../domain/model.js';
import type { Palette } from './color.js';
import { jsonLine, watchEventJson } from './json.js';
import { printable } from './printable.js';
import { formatLocalTime } from './time.js';

const WIDEST_EVENT = 'owner-changed'.length;
/** Where a watch line's detail starts (after the time and the event): its continuation lines line up there. */
export const WATCH_DETAIL_COLUMN = 'YYYY-MM-DD hh:mm:ss'.length + 2 + WIDEST_EVENT + 2;

export function watchEventLine(event: WatchEvent, json: boolean, p: Palette): string {
  if (json) return jsonLine(watchEventJson(event));
  const paint = event.event === 'up' ? p.green : event.event === 'down' ? p.red : p.yellow;
  const label = event.event.padEnd(WIDEST_EVENT);
  return `${p.dim(formatLocalTime(event.at))}  ${paint(label)}  ${printable(event.detail)}`;
}
