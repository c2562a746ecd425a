// One state, three layers: the tray, the window's Overview and the CLI count the same problems.
import { expect, test } from 'vitest';
import { palette } from '../../src-main/cli/format/color.js';
import { renderConflicts } from '../../src-main/cli/format/conflicts.js';
import { renderExposures } from '../../src-main/cli/format/conflicts.js';
import { countProblems } from '../../src-main/domain/problems.js';
import { trayView } from '../../src-main/electron/tray-view.js';
import { buildProblems } from '../../src-main/domain/problem-list.js';
import {
  T0,
  conflict,
  exposedListener,
  listener,
  state,
  watch,
  watchState,
} from './electron/state.js';

test('a port on 0.0.0.0 and ::, a down watch and a conflict: 3 problems everywhere', () => {
  const sockets = [
    exposedListener(5432, { process: 'postgres' }),
    exposedListener(5432, { process: 'postgres', localAddress: '::', family: 6 }),
    listener(3000),
  ];
  const s = state({
    snapshot: { takenAt: T0, sockets, unattributed: 0, source: 'proc', warnings: [] },
    conflicts: [conflict(3000)],
    watches: [watch(8080, watchState('down', T0 - 60_000)), watch(3000, watchState('up', T0))],
  });

  // Tray: the macOS title is the count; the tooltip names each kind.
  const tray = trayView(s, { platform: 'darwin', startAtLogin: false, now: T0 });
  expect(tray.title).toBe('3');
  expect(tray.tooltip).toContain('1 exposed');
  expect(tray.tooltip).toContain('1 conflict');
  expect(tray.tooltip).toContain('8080 down');

  // Window: the Overview's list and its badge count.
  const source = { ...s, sockets };
  const problems = buildProblems(source);
  expect(problems.map((p) => p.kind)).toEqual(['watch-down', 'shared-port', 'exposed']);
  expect(countProblems(source)).toBe(3);

  // CLI `list`: one `!` line per conflict and per exposed port (it shows no watch states).
  const p = palette(false);
  const lines = [
    ...renderConflicts(s.conflicts, p),
    ...renderExposures(sockets, s.acknowledgedExposures, p),
  ].filter((line) => line.startsWith('!'));
  expect(lines).toHaveLength(problems.filter((x) => x.kind !== 'watch-down').length);
  expect(lines.length + s.watches.filter((w) => w.state?.status === 'down').length).toBe(
    Number(tray.title),
  );
});
