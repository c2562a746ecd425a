// The monitor's conflicts event: a conflict that keeps its key but changes (a restarted process)
// reaches the window with its new text, without counting as appeared.
import { expect, test } from 'vitest';
import type { Collector } from '../../../../src-main/core/collector/index.js';
import { HistoryLog } from '../../../../src-main/core/history/history-log.js';
import type { Conflict, PortSocket, Snapshot } from '../../../../src-main/domain/model.js';
import { Monitor } from '../../../../src-main/core/monitor/monitor.js';
import { forwardMonitorEvents } from '../../../../src-main/service/events.js';
import type { PortholeEvent } from '../../../../src-main/shared/contract.js';
import { portSocket } from '../../../helpers/port-socket.js';

/** Hands out `lists` one per snapshot, each as fresh objects (as a real re-read does). */
function collectorOf(lists: PortSocket[][]): Collector {
  let i = 0;
  return {
    source: 'proc',
    snapshot: (): Promise<Snapshot> => {
      const sockets = structuredClone(lists[Math.min(i, lists.length - 1)]!);
      i += 1;
      return Promise.resolve({
        takenAt: i,
        sockets,
        unattributed: 0,
        source: 'proc',
        warnings: [],
      });
    },
  };
}

const node = portSocket({ pid: 4121, inode: 11 });
const python = (pid: number, inode: number): PortSocket =>
  portSocket({
    localAddress: '::1',
    family: 6,
    pid,
    pids: [pid],
    process: 'python3',
    command: 'python3 -m http.server 3000',
    inode,
  });

interface ConflictsEvent {
  current: Conflict[];
  appeared: Conflict[];
  resolved: Conflict[];
}

test("a conflict whose second process restarts with a new PID is sent again, not as 'appeared'", async () => {
  const history = new HistoryLog({ file: null });
  const monitor = new Monitor({
    collector: collectorOf([
      [node, python(4200, 12)],
      [node, python(4300, 13)], // python restarted: same port, new PID and socket
      [node, python(4300, 13)], // a re-read of the same sockets
    ]),
    history,
  });
  const events: ConflictsEvent[] = [];
  monitor.on('conflicts', (current, appeared, resolved) =>
    events.push({ current, appeared, resolved }),
  );
  const window: PortholeEvent[] = [];
  forwardMonitorEvents(monitor, (event) => window.push(event));

  await monitor.refresh();
  expect(events).toHaveLength(1);
  expect(events[0]!.appeared.map((c) => c.kind)).toEqual(['shadowed']);
  expect(events[0]!.current[0]!.message).toContain('PID 4200');

  await monitor.refresh();
  expect(events).toHaveLength(2);
  const changed = events[1]!;
  expect(changed.appeared).toEqual([]);
  expect(changed.resolved).toEqual([]);
  expect(changed.current).toHaveLength(1);
  expect(changed.current[0]!.message).toContain('PID 4300');
  expect(changed.current[0]!.message).not.toContain('PID 4200');
  expect(changed.current[0]!.pids).toEqual([4121, 4300]);
  expect(monitor.conflicts).toBe(changed.current);
  const sent = window.filter((e) => e.type === 'conflicts');
  expect(sent).toHaveLength(2);
  // The change travels as a delta: the one changed conflict, nothing appeared or resolved.
  expect(sent[1]).toEqual({
    type: 'conflicts',
    appeared: [],
    changed: changed.current,
    resolved: [],
  });

  await monitor.refresh();
  expect(events).toHaveLength(2); // equal conflicts from new objects: nothing to send

  await monitor.flush();
  const entries = await history.query({ port: 3000 });
  expect(entries.map((e) => e.kind)).toEqual(['conflict-appeared']);
});

test('a conflict whose process is renamed in place (same PID) is sent again', async () => {
  const renamed = { ...python(4200, 12), process: 'uvicorn', command: 'uvicorn app:app' };
  const monitor = new Monitor({
    collector: collectorOf([
      [node, python(4200, 12)],
      [node, renamed],
    ]),
  });
  const events: ConflictsEvent[] = [];
  monitor.on('conflicts', (current, appeared, resolved) =>
    events.push({ current, appeared, resolved }),
  );
  await monitor.refresh();
  await monitor.refresh();
  expect(events).toHaveLength(2);
  expect(events[1]!.appeared).toEqual([]);
  expect(events[1]!.current[0]!.message).toContain('uvicorn');
});
