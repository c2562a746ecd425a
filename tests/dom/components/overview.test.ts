// Overview: counts as cards, problems one line each in the domain's order, expand, acknowledge, go to port.
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import type { WatchView } from '../../../src-main/shared/contract.js';
import { buildProblems } from '../../../src-main/domain/problem-list.js';
import { isAlarming, SEVERITY_LABEL } from '../../../src-main/domain/severity.js';
import { alarmLine } from '../../../src-renderer/lib/severity-view.js';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import Overview from '../../../src-renderer/views/Overview.svelte';
import { conflict, connection, fakeApi, listener, makeState, NOW } from '../fakes.js';

const exposedDb = listener({
  localPort: 5432,
  localAddress: '0.0.0.0',
  exposure: 'all-interfaces',
  process: 'postgres',
  pid: 900,
  inode: 2,
});

function watch(id: string, port: number, status: 'up' | 'down'): WatchView {
  return {
    spec: {
      id,
      target: { host: null, port },
      expect: null,
      intervalMs: 5000,
      failuresToDown: 2,
      successesToUp: 1,
      label: id === 'api' ? 'API server' : null,
    },
    state: {
      status,
      since: NOW - 60_000,
      owner: { pid: 4121, process: 'node' },
      lastCheckedAt: NOW,
      lastLatencyMs: null,
      lastError: status === 'down' ? 'ECONNREFUSED' : null,
      latencies: [],
      consecutiveFailures: status === 'down' ? 2 : 0,
      consecutiveSuccesses: 0,
      transitions: [],
      flapping: false,
      snoozedUntil: null,
      snoozeUntilUp: false,
    },
  };
}

function setup(over: Parameters<typeof makeState>[0] = {}) {
  const api = fakeApi();
  const store = new PortholeStore(api, () => NOW);
  store.handle({
    type: 'state',
    state: makeState({
      snapshot: {
        takenAt: NOW - 3000,
        sockets: [listener({ inode: 1 }), exposedDb, connection({ inode: 3 })],
        unattributed: 0,
        source: 'proc',
        warnings: [],
      },
      conflicts: [conflict({ port: 3000 })],
      watches: [watch('api', 8080, 'down'), watch('web', 3000, 'up')],
      ...over,
    }),
  });
  render(Overview, { store, now: NOW });
  return { api, store };
}

/** The disclosure button of each problem line, in screen order. */
function problemLines(): HTMLElement[] {
  return within(screen.getByRole('list', { name: 'Problems' }))
    .getAllByRole('button')
    .filter((b) => b.hasAttribute('aria-expanded'));
}

function lineFor(title: string): HTMLElement {
  const line = problemLines().find((b) => b.textContent?.includes(title));
  if (!line) throw new Error(`no problem line titled ${title}`);
  return line;
}

function card(label: RegExp): HTMLElement {
  return within(screen.getByRole('list', { name: 'Counts' })).getByRole('button', { name: label });
}

describe('Overview', () => {
  test('shows the counts as cards', () => {
    setup();
    expect(card(/Listening/)).toHaveTextContent('2');
    expect(card(/Connections/)).toHaveTextContent('1');
    expect(card(/Conflicts/)).toHaveTextContent('1');
    expect(card(/Exposed/)).toHaveTextContent('1');
    expect(card(/Watches down/)).toHaveTextContent('1 of 2');
    expect(screen.getByText(/Updated just now · source: proc/)).toBeInTheDocument();
  });

  test('one line per problem, most urgent first (the domain order: the down watch on top)', () => {
    const { store } = setup();
    const expected = buildProblems(store);
    expect(expected[0]!.kind).toBe('watch-down');
    const lines = problemLines();
    expect(lines.map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual(
      expected.map((p) => `${SEVERITY_LABEL[p.severity]} ${p.title}`),
    );
    // Closed, a line is its chip and title: no explanation yet.
    for (const line of lines) expect(line).toHaveAttribute('aria-expanded', 'false');
    for (const p of expected) expect(screen.queryByText(p.message)).not.toBeInTheDocument();
  });

  test('a line opens to its message and fix, and closes again', async () => {
    const user = userEvent.setup();
    const { store } = setup();
    const conflictProblem = buildProblems(store).find((p) => p.kind === 'shadowed')!;
    const line = lineFor(conflictProblem.title);
    await user.click(line);
    expect(line).toHaveAttribute('aria-expanded', 'true');
    const detail = document.getElementById(line.getAttribute('aria-controls')!)!;
    expect(detail).toHaveTextContent(conflictProblem.message);
    expect(detail).toHaveTextContent(`Fix: ${conflictProblem.fix}`);
    await user.click(line);
    expect(line).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText(conflictProblem.message)).not.toBeInTheDocument();
  });

  test('Acknowledge asks the core and the exposure leaves the list', async () => {
    const user = userEvent.setup();
    const { api, store } = setup();
    const exposure = buildProblems(store).find((p) => p.kind === 'exposed')!;
    await user.click(lineFor(exposure.title));
    await user.click(screen.getByRole('button', { name: `Acknowledge ${exposure.title}` }));
    expect(api.acknowledgeExposure).toHaveBeenCalledWith('tcp:0.0.0.0:5432');
    expect(screen.queryByText(exposure.title)).not.toBeInTheDocument();
    expect(card(/Exposed/)).toHaveTextContent('0');
  });

  test('a port on 0.0.0.0 and :: is one problem; Acknowledge clears both bindings', async () => {
    const user = userEvent.setup();
    const v6 = { ...exposedDb, localAddress: '::', family: 6 as const, inode: 4 };
    const { api, store } = setup({
      snapshot: {
        takenAt: NOW - 3000,
        sockets: [exposedDb, v6],
        unattributed: 0,
        source: 'proc',
        warnings: [],
      },
    });
    const saved: string[] = [];
    api.acknowledgeExposure.mockImplementation((key: string) => {
      saved.push(key);
      return Promise.resolve([...saved]);
    });
    const exposures = buildProblems(store).filter((p) => p.kind === 'exposed');
    expect(exposures).toHaveLength(1);
    expect(problemLines()).toHaveLength(buildProblems(store).length);
    expect(card(/Exposed/)).toHaveTextContent('1');
    expect(screen.getByRole('heading', { name: /Problems \(3\)/ })).toBeInTheDocument();
    await user.click(lineFor(exposures[0]!.title));
    await user.click(screen.getByRole('button', { name: /^Acknowledge/ }));
    expect(saved).toEqual(['tcp:0.0.0.0:5432', 'tcp::::5432']);
    expect(screen.queryByText(exposures[0]!.title)).not.toBeInTheDocument();
  });

  test('a failed acknowledgement is shown, and the exposure stays', async () => {
    const user = userEvent.setup();
    const { api, store } = setup();
    const exposure = buildProblems(store).find((p) => p.kind === 'exposed')!;
    api.acknowledgeExposure.mockRejectedValueOnce(new Error('settings are read-only'));
    await user.click(lineFor(exposure.title));
    await user.click(screen.getByRole('button', { name: /Acknowledge/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not acknowledge: settings are read-only',
    );
    expect(lineFor(exposure.title)).toBeInTheDocument();
  });

  test('an open problem goes to its port; cards open the matching view', async () => {
    const user = userEvent.setup();
    const { store } = setup();
    const down = buildProblems(store).find((p) => p.kind === 'watch-down')!;
    await user.click(lineFor(down.title));
    await user.click(screen.getByRole('button', { name: `Open port ${down.port}` }));
    expect(store.view).toBe('port');
    expect(store.selectedPort).toBe(8080);

    store.show('overview');
    await user.click(card(/Exposed/));
    expect(store.view).toBe('listeners');
    expect(store.tables.listeners.filter).toBe('exposed');

    await user.click(card(/Conflicts/));
    expect(store.tables.listeners.filter).toBe('conflict');
    await user.click(card(/Watches down/));
    expect(store.view).toBe('watches');
  });

  test('errors and warnings raise the alarm line; hints and info show quietly and do not', () => {
    const deliberate = conflict({ kind: 'shared-port', port: 4100, deliberate: true });
    const { store } = setup({ conflicts: [conflict({ port: 3000 }), deliberate] });
    const problems = buildProblems(store);
    const alarming = problems.filter((p) => isAlarming(p.severity)).length;
    expect(alarming).toBe(problems.length - 1);
    expect(screen.getByText(alarmLine(problems.map((p) => p.severity)).text)).toBeInTheDocument();
    expect(
      screen.getByText(`${alarming} need attention · 1 for your information`),
    ).toBeInTheDocument();
    const info = problems.find((p) => p.severity === 'info')!;
    expect(lineFor(info.title)).toHaveTextContent(SEVERITY_LABEL.info);
    expect(lineFor(info.title).closest('li')).toHaveClass('quiet');
    // Ranked last: less urgent than every warning.
    expect(problemLines().at(-1)).toBe(lineFor(info.title));
  });

  test('only a deliberate shared port: nothing needs attention', () => {
    setup({
      conflicts: [conflict({ kind: 'shared-port', port: 4100, deliberate: true })],
      watches: [],
      snapshot: { takenAt: NOW, sockets: [], unattributed: 0, source: 'proc', warnings: [] },
    });
    expect(
      screen.getByText('Nothing needs attention · 1 for your information'),
    ).toBeInTheDocument();
    // The card counts what alarms, as the badge and the tray do: a deliberate shared port is not one.
    expect(card(/Conflicts/)).toHaveClass('tone-ok');
    expect(card(/Conflicts/)).toHaveTextContent('0');
  });

  test('Go to port opens that port; 70000 and text are refused with a message', async () => {
    const user = userEvent.setup();
    const { store } = setup();
    const box = screen.getByRole('textbox', { name: 'Go to port' });
    await user.type(box, '70000{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('70000 is out of range');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(/70000 is out of range/);
    expect(store.view).toBe('overview');
    await user.clear(box);
    await user.type(box, 'http{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('"http" is not a port number');
    await user.clear(box);
    await user.type(box, '4000');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go' }));
    expect(store.view).toBe('port');
    expect(store.selectedPort).toBe(4000);
  });

  test('says so when there is nothing wrong', () => {
    setup({
      conflicts: [],
      watches: [],
      snapshot: {
        takenAt: NOW,
        sockets: [listener({ inode: 1 })],
        unattributed: 0,
        source: 'proc',
        warnings: [],
      },
    });
    expect(screen.queryByRole('list', { name: 'Problems' })).not.toBeInTheDocument();
    expect(screen.getByText(/No problems/)).toBeInTheDocument();
  });
});

describe('Overview with many exposures', () => {
  test('lists five exposures and links to the rest', async () => {
    const user = userEvent.setup();
    const exposed = Array.from({ length: 8 }, (_, i) =>
      listener({
        localAddress: '0.0.0.0',
        localPort: 9000 + i,
        exposure: 'all-interfaces',
        inode: 10 + i,
      }),
    );
    const store = new PortholeStore(fakeApi(), () => NOW);
    store.handle({
      type: 'state',
      state: makeState({
        snapshot: { takenAt: NOW, sockets: exposed, unattributed: 0, source: 'proc', warnings: [] },
      }),
    });
    render(Overview, { store, now: NOW });
    expect(screen.getByRole('heading', { name: /Problems/ })).toHaveTextContent('Problems (8)');
    expect(problemLines()).toHaveLength(5);
    await user.click(screen.getByRole('button', { name: /3 more exposed listeners/ }));
    expect(store.view).toBe('listeners');
    expect(store.tables.listeners.filter).toBe('exposed');
  });
});
