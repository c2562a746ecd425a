// Restarting the service over an unchanged scene records nothing new; a change made while it was off is recorded once.
import { afterEach, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HistoryLog } from '../../../src-main/core/history/history-log.js';
import { PortholeService } from '../../../src-main/service/index.js';
import { SettingsStore } from '../../../src-main/core/settings/index.js';
import type { HistoryEntry } from '../../../src-main/domain/history-entry.js';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { splitPort } from './service-fixture.js';

const dirs: string[] = [];
afterEach(async () => {
  await stopAllHolders();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Polls until `ok` holds; bounded. */
async function until(ok: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function entries(dir: string): HistoryEntry[] {
  const file = path.join(dir, 'history.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HistoryEntry);
}

/**
 * One run of the service in `dir` until it has seen the conflict on `conflictPort` (or seen it
 * gone) and one event of the watch on `downPort`; stops it and returns the events it sent.
 */
async function run(
  dir: string,
  conflictPort: number,
  downPort: number,
  expectConflict: boolean,
  addWatch = false,
): Promise<PortholeEvent[]> {
  const service = await PortholeService.create({
    settings: new SettingsStore({ dir }),
    history: new HistoryLog({ file: path.join(dir, 'history.jsonl') }),
    transport: 'ipc',
    allowKill: false,
    followSettings: false,
  });
  const events: PortholeEvent[] = [];
  service.onEvent((event) => events.push(event));
  try {
    service.start();
    if (addWatch) {
      await service.handle('porthole:watches:add', {
        target: String(downPort),
        intervalMs: 500,
        failuresToDown: 1,
      });
    }
    await until(
      () => events.some((e) => e.type === 'watch-event' && e.event.target === String(downPort)),
      `an event of watch ${downPort}`,
    );
    await until(() => service.monitor.snapshot !== null, 'a first snapshot');
    const shadowed = service
      .state()
      .conflicts.some((c) => c.port === conflictPort && c.kind === 'shadowed');
    expect(shadowed).toBe(expectConflict);
  } finally {
    await service.stop();
    service.dispose();
  }
  return events;
}

test('three starts over a standing conflict and a down watch record each once; a change while off once', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-restart-'));
  dirs.push(dir);
  const { v6, port } = await splitPort();
  // A port nobody listens on: held for a moment to find one, then let go.
  const spare = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
  const downPort = spare.sockets[0]!.port;
  await spare.stop();

  const ofPort = (p: number): HistoryEntry[] => entries(dir).filter((e) => e.port === p);
  const firstEvents = await run(dir, port, downPort, true, true);
  expect(firstEvents.some((e) => e.type === 'watch-event' && e.event.restated === true)).toBe(
    false,
  );
  await run(dir, port, downPort, true);
  const thirdEvents = await run(dir, port, downPort, true);

  expect(ofPort(port).map((e) => `${e.kind}:${e.event}`)).toEqual(['conflict-appeared:shadowed']);
  expect(ofPort(downPort).map((e) => `${e.kind}:${e.event}`)).toEqual(['watch:down']);
  // The later starts still tell listeners the watch is down, marked as a restatement.
  const down = thirdEvents.find(
    (e): e is Extract<PortholeEvent, { type: 'watch-event' }> =>
      e.type === 'watch-event' && e.event.target === String(downPort),
  );
  expect(down?.event).toMatchObject({ event: 'down', restated: true });

  // One side goes away while Porthole is off: the next start records the resolution, once.
  await v6.stop();
  await run(dir, port, downPort, false);
  await run(dir, port, downPort, false);
  const kinds = ofPort(port).map((e) => e.kind);
  expect(kinds).toEqual(['conflict-appeared', 'conflict-resolved']);
  expect(ofPort(port)[1]?.detail).toMatch(/^resolved/);
  expect(ofPort(downPort)).toHaveLength(1);

  // The watched port comes back while Porthole is off: recorded once, not again on the next start.
  await holdSockets({ listen: [{ host: '127.0.0.1', port: downPort }] });
  await run(dir, port, downPort, false);
  await run(dir, port, downPort, false);
  expect(ofPort(downPort).map((e) => e.event)).toEqual(['down', 'up']);
}, 60_000);
