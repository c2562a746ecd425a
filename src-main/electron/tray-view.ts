// Pure: what the tray shows for a state — icon, tooltip, macOS title and the menu as plain data.
import { watchName } from '../domain/labels.js';
import { buildProblems, type Problem } from '../domain/problem-list.js';
import { alarmingConflicts, countProblems, downWatches, exposedPorts } from '../domain/problems.js';
import { listeningPortCount } from '../domain/status-line.js';
import {
  isSnoozed,
  isWatchSnoozed,
  MORNING_HOUR,
  SNOOZE_PRESETS,
  type SnoozeChoice,
  type SnoozePreset,
} from '../domain/snooze.js';
import type { PortholeState, WatchView } from '../shared/contract.js';
import { clockText, durationText } from '../domain/time-text.js';

export type TrayIcon = 'ok' | 'attention' | 'down' | 'paused' | 'error';

/** What a menu item does, as data: views compare by value, and tray.ts maps these to callbacks. */
export type TrayAction =
  | { kind: 'open-window' }
  | { kind: 'open-port'; port: number }
  | { kind: 'explain' }
  | { kind: 'add-watch' }
  | { kind: 'open-settings' }
  | { kind: 'snooze'; choice: SnoozeChoice }
  | { kind: 'toggle-start-at-login' }
  | { kind: 'quit' };

export type MenuItemModel =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action: TrayAction | null }
  | { type: 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; submenu: MenuItemModel[] };

export interface TrayView {
  icon: TrayIcon;
  tooltip: string;
  /** Text beside the macOS menu-bar icon: the number of problems, or '' (always '' elsewhere). */
  title: string;
  menu: MenuItemModel[];
}

export interface TrayViewOptions {
  platform: NodeJS.Platform;
  startAtLogin: boolean;
  now: number;
}

const MAX_WATCHES = 10;
const MAX_PROBLEMS = 8;
/** Menu words for the presets both the tray and the window offer (domain/snooze.ts). */
const SNOOZE_WORDS: Record<SnoozePreset, string> = {
  '15-min': 'For 15 minutes',
  '1-hour': 'For 1 hour',
  tomorrow: `Until tomorrow ${String(MORNING_HOUR).padStart(2, '0')}:00`,
};
/** Windows cuts tray tooltips at 127 characters. */
const MAX_TOOLTIP = 127;

export function trayView(state: PortholeState, options: TrayViewOptions): TrayView {
  const { now, platform } = options;
  const down = downWatches(state.watches);
  const sockets = state.snapshot?.sockets ?? [];
  const exposed = exposedPorts(sockets, state.acknowledgedExposures).length;
  const degraded = state.status.state === 'degraded';
  const snoozedUntil = isSnoozed(state.notificationsSnoozedUntil, now)
    ? state.notificationsSnoozedUntil
    : null;
  // Hints and info (half-reachable, deliberate SO_REUSEPORT) are listed, never an attention icon.
  const conflicts = alarmingConflicts(state.conflicts).length;
  const attention = conflicts > 0 || exposed > 0;

  const icon: TrayIcon =
    down.length > 0
      ? 'down'
      : degraded
        ? 'error'
        : attention
          ? 'attention'
          : snoozedUntil !== null
            ? 'paused'
            : 'ok';
  const problems = countProblems({ ...state, sockets });
  return {
    icon,
    tooltip: tooltipText(state, down, conflicts, exposed, snoozedUntil, now),
    title: platform === 'darwin' && problems > 0 ? String(problems) : '',
    menu: menuModel(state, options, snoozedUntil),
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function tooltipText(
  state: PortholeState,
  down: WatchView[],
  conflicts: number,
  exposed: number,
  snoozedUntil: number | null,
  now: number,
): string {
  const parts: string[] = [];
  if (state.status.state === 'degraded') parts.push("can't read ports");
  if (state.snapshot) {
    parts.push(`${listeningPortCount(state.snapshot.sockets)} listening`);
  } else if (state.status.state !== 'degraded') {
    parts.push('starting…');
  }
  if (conflicts > 0) parts.push(plural(conflicts, 'conflict'));
  if (down.length === 1) parts.push(`${watchName(down[0]!.spec)} down`);
  else if (down.length > 1) parts.push(`${down.length} watches down`);
  if (exposed > 0) parts.push(`${exposed} exposed`);
  if (snoozedUntil !== null) parts.push(`snoozed until ${clockText(snoozedUntil, now)}`);
  const text = `Porthole — ${parts.join(' · ')}`;
  return text.length > MAX_TOOLTIP ? `${text.slice(0, MAX_TOOLTIP - 1)}…` : text;
}

function watchStatusText(watch: WatchView, now: number): string {
  const state = watch.state;
  if (!state || state.status === 'unknown') return 'checking…';
  const words = [`${state.status} for ${durationText(now - state.since)}`];
  if (state.flapping) words.push('flapping');
  if (isWatchSnoozed(state, now)) words.push('snoozed');
  return words.join(', ');
}

/** A problem's menu item: its one-line title; it opens the port (or the window for a remote watch). */
function problemItem(problem: Problem, platform: NodeJS.Platform): MenuItemModel {
  return item(
    literal(problem.title, platform),
    problem.port === null ? { kind: 'open-window' } : { kind: 'open-port', port: problem.port },
  );
}

/** Menus on Windows and Linux read `&` as a mnemonic marker; user-written labels must not. */
function literal(label: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? label : label.replaceAll('&', '&&');
}

function item(label: string, action: TrayAction | null, enabled = true): MenuItemModel {
  return { type: 'normal', label, enabled, action };
}

function section<T>(
  title: string,
  values: readonly T[],
  max: number,
  toItem: (value: T) => MenuItemModel,
): MenuItemModel[] {
  if (values.length === 0) return [];
  const items = [item(title, null, false), ...values.slice(0, max).map(toItem)];
  if (values.length > max) items.push(item(`… and ${values.length - max} more`, null, false));
  return items;
}

function menuModel(
  state: PortholeState,
  { platform, startAtLogin, now }: TrayViewOptions,
  snoozedUntil: number | null,
): MenuItemModel[] {
  const menu: MenuItemModel[] = [];
  if (state.status.state === 'degraded') {
    const why = state.status.reason ? `: ${state.status.reason}` : '';
    menu.push(item(literal(`Can't read ports${why}`, platform), null, false), {
      type: 'separator',
    });
  }
  const watches = section('Watches', state.watches, MAX_WATCHES, (watch) =>
    item(literal(`${watchName(watch.spec)} — ${watchStatusText(watch, now)}`, platform), {
      kind: 'open-port',
      port: watch.spec.target.port,
    }),
  );
  // Ranked by domain/severity.ts: alarming problems first, hints and info after them.
  const problems = section(
    'Problems',
    buildProblems({ ...state, sockets: state.snapshot?.sockets ?? [] }),
    MAX_PROBLEMS,
    (problem) => problemItem(problem, platform),
  );
  menu.push(...problems, ...watches);
  if (watches.length + problems.length > 0) menu.push({ type: 'separator' });

  const snooze: MenuItemModel[] = [];
  if (snoozedUntil !== null) {
    snooze.push(item(`Snoozed until ${clockText(snoozedUntil, now)}`, null, false), {
      type: 'separator',
    });
  }
  snooze.push(
    ...SNOOZE_PRESETS.map((choice) => item(SNOOZE_WORDS[choice], { kind: 'snooze', choice })),
    { type: 'separator' },
    item('Resume notifications', { kind: 'snooze', choice: 'resume' }, snoozedUntil !== null),
  );
  menu.push(
    item('Open Porthole', { kind: 'open-window' }),
    item('Explain an error…', { kind: 'explain' }),
    item('Watch a port…', { kind: 'add-watch' }),
    item('Settings…', { kind: 'open-settings' }),
    { type: 'submenu', label: 'Snooze notifications', submenu: snooze },
    {
      type: 'checkbox',
      label: 'Start at login',
      checked: startAtLogin,
      action: { kind: 'toggle-start-at-login' },
    },
    { type: 'separator' },
    item('Quit Porthole', { kind: 'quit' }),
  );
  return menu;
}
