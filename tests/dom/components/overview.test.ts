// Overview: counts as cards, problems first (conflicts, down watches, exposures), acknowledge, links.
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import type { WatchView } from '../../../src-main/shared/contract.js';
import { buildProblems } from '../../../src-main/domain/problem-list.js';
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

/** The one-line title the domain gives the (only) exposed problem: the window shows it as is. */
function exposedTitle(store: PortholeStore): string {
  return buildProblems(store).find((p) => p.kind === 'exposed')!.title;
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

  test('lists problems in the domain order (down watches, conflicts, exposures), with fixes', () => {
    const { store } = setup();
    const expected = buildProblems(store);
    expect(expected.map((p) => p.kind)).toEqual(['watch-down', 'shadowed', 'exposed']);
    const items = within(screen.getByRole('list', { name: 'Problems' })).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expected.forEach((p, i) => expect(items[i]).toHaveTextContent(p.title));
    expect(items[0]).toHaveTextContent('API server (8080) · down · was node (PID 4121)');
    expect(items[0]).toHaveTextContent('ECONNREFUSED');
    expect(items[1]).toHaveTextContent('node (PID 4121) on 127.0.0.1 hides python3');
    expect(items[1]).toHaveTextContent('Fix: Stop one of them or move it to another port');
    expect(items[2]).toHaveTextContent('postgres (PID 900) listens on every interface');
  });

  test('Acknowledge asks the core and the exposure leaves the list', async () => {
    const user = userEvent.setup();
    const { api, store } = setup();
    const title = exposedTitle(store);
    await user.click(screen.getByRole('button', { name: `Acknowledge ${title}` }));
    expect(api.acknowledgeExposure).toHaveBeenCalledWith('tcp:0.0.0.0:5432');
    expect(screen.queryByText(title)).not.toBeInTheDocument();
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
    const title = exposedTitle(store);
    expect(screen.getAllByText(title)).toHaveLength(1);
    expect(card(/Exposed/)).toHaveTextContent('1');
    expect(screen.getByRole('heading', { name: /Problems \(3\)/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: `Acknowledge ${title}` }));
    expect(saved).toEqual(['tcp:0.0.0.0:5432', 'tcp::::5432']);
    expect(screen.queryByText(title)).not.toBeInTheDocument();
  });

  test('a failed acknowledgement is shown, and the exposure stays', async () => {
    const user = userEvent.setup();
    const { api, store } = setup();
    api.acknowledgeExposure.mockRejectedValueOnce(new Error('settings are read-only'));
    await user.click(screen.getByRole('button', { name: /Acknowledge/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not acknowledge: settings are read-only',
    );
    expect(screen.getByText(exposedTitle(store))).toBeInTheDocument();
  });

  test('each problem links to its port; cards open the matching view', async () => {
    const user = userEvent.setup();
    const { store } = setup();
    await user.click(screen.getByRole('button', { name: 'Port 8080 details' }));
    expect(store.view).toBe('port');
    expect(store.selectedPort).toBe(8080);

    await user.click(card(/Exposed/));
    expect(store.view).toBe('listeners');
    expect(store.tables.listeners.filter).toBe('exposed');

    await user.click(card(/Conflicts/));
    expect(store.tables.listeners.filter).toBe('conflict');
    await user.click(card(/Watches down/));
    expect(store.view).toBe('watches');
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
    const items = within(screen.getByRole('list', { name: 'Problems' })).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    await user.click(screen.getByRole('button', { name: /3 more exposed listeners/ }));
    expect(store.view).toBe('listeners');
    expect(store.tables.listeners.filter).toBe('exposed');
  });
});
