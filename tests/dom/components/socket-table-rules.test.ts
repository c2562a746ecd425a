// What the socket tables spend width and attention on: badges, columns, conflict marks, folded and quiet rows, focus.
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PortSocket } from '../../../src-main/domain/index.js';
import type { Conflict } from '../../../src-main/domain/index.js';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import Connections from '../../../src-renderer/views/Connections.svelte';
import Listeners from '../../../src-renderer/views/Listeners.svelte';
import { VIEWPORT } from '../setup.js';
import { conflict, connection, fakeApi, listener, makeState, NOW } from '../fakes.js';

function storeWith(
  sockets: PortSocket[],
  conflicts: Conflict[] = [],
  clock = () => NOW,
): PortholeStore {
  const store = new PortholeStore(fakeApi(), clock);
  store.handle({
    type: 'state',
    state: makeState({
      snapshot: { takenAt: NOW, sockets, unattributed: 0, source: 'proc', warnings: [] },
      conflicts,
    }),
  });
  return store;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    await Promise.resolve();
    await tick();
  }
}

function bodyRows(): HTMLElement[] {
  return screen.getAllByRole('row').filter((row) => row.hasAttribute('data-index'));
}

function rowFor(port: number): HTMLElement {
  const row = bodyRows().find((r) =>
    within(r).getAllByRole('gridcell')[0]!.textContent.includes(String(port)),
  );
  if (!row) throw new Error(`no row for ${port}`);
  return row;
}

function headers(): string[] {
  return screen
    .getAllByRole('columnheader')
    .map((h) => h.textContent.replace(/[▲▼]/g, '').trim())
    .filter((title) => title && title !== 'Actions');
}

afterEach(() => {
  vi.useRealTimers();
  VIEWPORT.width = 1024;
});

describe('columns earn their width', () => {
  test('the exposure badge shows on exposed rows only', async () => {
    render(Listeners, {
      store: storeWith([
        listener({ localPort: 3000, inode: 1 }),
        listener({
          localPort: 5432,
          localAddress: '0.0.0.0',
          exposure: 'all-interfaces',
          inode: 2,
        }),
      ]),
    });
    await settle();
    expect(within(rowFor(5432)).getByText('exposed')).toBeInTheDocument();
    expect(within(rowFor(3000)).queryByText('local')).not.toBeInTheDocument();
    expect(screen.queryByText('local')).not.toBeInTheDocument();
  });

  test('the User column appears only when the rows have more than one user', async () => {
    const one = render(Listeners, {
      store: storeWith([
        listener({ localPort: 3000, inode: 1 }),
        listener({ localPort: 4000, inode: 2 }),
      ]),
    });
    await settle();
    expect(headers()).not.toContain('User');
    one.unmount();

    render(Listeners, {
      store: storeWith([
        listener({ localPort: 3000, inode: 1 }),
        listener({ localPort: 5432, user: 'postgres', process: 'postgres', inode: 2 }),
      ]),
    });
    await settle();
    expect(headers()).toContain('User');
    expect(rowFor(5432)).toHaveTextContent('postgres');
  });

  test('the command cell shows the useful part, the full line on hover', async () => {
    const full = '/usr/bin/python3 -m http.server 3000';
    render(Listeners, {
      store: storeWith([
        listener({ localPort: 3000, process: 'python3', command: full, inode: 1 }),
      ]),
    });
    await settle();
    const cell = within(rowFor(3000)).getByText('-m http.server 3000');
    expect(cell).toHaveAttribute('title', full);
    expect(rowFor(3000)).not.toHaveTextContent('/usr/bin/python3');
  });

  test('a narrower table drops the least useful columns first; at tray width rows are two lines', async () => {
    VIEWPORT.width = 640;
    const sockets = [
      listener({ localPort: 3000, inode: 1 }),
      listener({ localPort: 5432, user: 'postgres', process: 'postgres', inode: 2 }),
    ];
    const medium = render(Listeners, { store: storeWith(sockets) });
    await settle();
    expect(headers()).toEqual(['Port', 'Address', 'Process', 'PID', 'Command']);
    medium.unmount();

    VIEWPORT.width = 420;
    const store = storeWith(sockets);
    render(Listeners, { store });
    await settle();
    const row = rowFor(3000);
    const [line1, line2] = within(row).getAllByRole('gridcell');
    expect(line1!.textContent.replace(/\s+/g, ' ')).toMatch(/3000 · node \(PID 4121\) · tcp/);
    expect(line2).toHaveTextContent('127.0.0.1');
    expect(line2).toHaveTextContent('server.js --port 3000');
    await userEvent.setup().click(line1!);
    expect(store.selectedPort).toBe(3000);
  });
});

describe('conflict marks', () => {
  const v4 = listener({ localPort: 3000, inode: 1 });
  const v6 = listener({
    localPort: 3000,
    family: 6,
    localAddress: '::1',
    pid: 4200,
    process: 'python3',
    inode: 2,
  });
  const other = listener({
    localPort: 3000,
    localAddress: '10.0.0.5',
    exposure: 'network',
    pid: 9,
    inode: 3,
  });
  const closeWait = connection({
    localPort: 3000,
    remotePort: 40000,
    state: 'CLOSE_WAIT',
    inode: 4,
  });
  const shadowed = conflict({ port: 3000, sockets: [v4, v6] });

  test('only the listeners the conflict names carry the mark', async () => {
    render(Listeners, { store: storeWith([v4, v6, other, closeWait], [shadowed]) });
    await settle();
    const marked = bodyRows().filter((r) => within(r).queryByTitle('Involved in a conflict'));
    expect(marked.map((r) => within(r).getAllByRole('gridcell')[2]!.textContent.trim())).toEqual([
      '127.0.0.1',
      '::1',
    ]);
  });

  test('a CLOSE_WAIT connection on the conflict’s port is not marked', async () => {
    render(Connections, { store: storeWith([v4, v6, closeWait], [shadowed]) });
    await settle();
    expect(bodyRows()).toHaveLength(1);
    expect(within(bodyRows()[0]!).queryByTitle('Involved in a conflict')).toBeNull();
  });
});

describe('connections that are closing', () => {
  const live = connection({ localPort: 51000, inode: 1 });
  const waits = Array.from({ length: 5 }, (_, i) =>
    connection({
      localPort: 52000 + i,
      state: 'TIME_WAIT',
      pid: null,
      process: null,
      command: null,
      user: null,
      inode: 10 + i,
    }),
  );
  const finWait = connection({
    localPort: 53000,
    state: 'FIN_WAIT2',
    pid: null,
    process: null,
    command: null,
    user: null,
    inode: 20,
  });

  test('TIME_WAIT rows fold behind one row whose Show/Hide is kept by the table state', async () => {
    const user = userEvent.setup();
    const store = storeWith([live, ...waits, finWait]);
    const first = render(Connections, { store });
    await settle();
    expect(bodyRows()).toHaveLength(1);
    expect(
      screen.getByText('6 closing connections (TIME_WAIT 5, FIN_WAIT2 1)'),
    ).toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: 'Show' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await user.click(toggle);
    await settle();
    expect(bodyRows()).toHaveLength(7);
    expect(store.tables.connections.showClosing).toBe(true);
    // No rows of dashes: a closing socket without a process leaves its owner cells empty.
    expect(rowFor(52000)).not.toHaveTextContent('—');

    first.unmount();
    render(Connections, { store });
    await settle();
    expect(bodyRows()).toHaveLength(7);
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    await settle();
    expect(bodyRows()).toHaveLength(1);
  });

  test('a filter naming a closing state shows those rows without unfolding', async () => {
    const user = userEvent.setup();
    render(Connections, { store: storeWith([live, ...waits]) });
    await settle();
    await user.type(screen.getByRole('searchbox', { name: 'Filter' }), 'time_wait');
    await settle();
    expect(bodyRows()).toHaveLength(5);
    expect(screen.queryByRole('button', { name: 'Show' })).toBeNull();
  });
});

describe('rows that close', () => {
  function closeAll(store: PortholeStore, removed: PortSocket[]): void {
    store.handle({
      type: 'snapshot-diff',
      takenAt: NOW + 2000,
      diff: { added: [], removed, changed: [] },
      unattributed: 0,
      warnings: [],
      source: 'proc',
    });
  }

  test('many listeners closing at once fade quietly under one note', async () => {
    vi.useFakeTimers({ now: NOW });
    const many = Array.from({ length: 20 }, (_, i) =>
      listener({ localPort: 4000 + i, inode: i + 1 }),
    );
    const keep = listener({ localPort: 9000, inode: 100 });
    const store = storeWith([...many, keep], [], () => Date.now());
    render(Listeners, { store });
    await settle();
    closeAll(store, many);
    await vi.advanceTimersByTimeAsync(0);
    const closed = bodyRows().filter((r) => r.classList.contains('faded'));
    expect(closed.length).toBeGreaterThan(12);
    expect(bodyRows().filter((r) => r.classList.contains('removed'))).toHaveLength(0);
    expect(screen.getByText('20 listeners closed')).toBeInTheDocument();

    await vi.advanceTimersByTimeAsync(3000);
    expect(bodyRows()).toHaveLength(1);
    expect(screen.queryByText('20 listeners closed')).toBeNull();
  });

  test('a few closing still show as closed rows', async () => {
    vi.useFakeTimers({ now: NOW });
    const few = [listener({ localPort: 4000, inode: 1 }), listener({ localPort: 4001, inode: 2 })];
    const store = storeWith(few, [], () => Date.now());
    render(Listeners, { store });
    await settle();
    closeAll(store, few);
    await vi.advanceTimersByTimeAsync(0);
    expect(bodyRows().filter((r) => r.classList.contains('removed'))).toHaveLength(2);
    expect(screen.queryByText(/listeners closed/)).toBeNull();
  });

  test('when the focused row goes, focus moves to the row that took its place, never the page', async () => {
    vi.useFakeTimers({ now: NOW });
    const rows = [4000, 4001, 4002].map((port, i) => listener({ localPort: port, inode: i + 1 }));
    const store = storeWith(rows, [], () => Date.now());
    render(Listeners, { store });
    await settle();
    rowFor(4001).focus();
    expect(document.activeElement).toBe(rowFor(4001));
    closeAll(store, [rows[1]!]);
    await vi.advanceTimersByTimeAsync(0);
    // Still there, fading: focus stays on it.
    expect(document.activeElement).toBe(rowFor(4001));
    await vi.advanceTimersByTimeAsync(3100);
    await settle();
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement).toBe(rowFor(4002));

    // The last row goes: focus falls back to the one before it.
    closeAll(store, [rows[2]!]);
    await vi.advanceTimersByTimeAsync(3100);
    await settle();
    expect(document.activeElement).toBe(rowFor(4000));
  });

  test('when the filter removes the focused row, focus stays in the table', async () => {
    const user = userEvent.setup();
    const store = storeWith(
      [4000, 4001].map((port, i) => listener({ localPort: port, inode: i + 1 })),
    );
    render(Listeners, { store });
    await settle();
    rowFor(4000).focus();
    store.tables.listeners.filter = ':4001';
    await settle();
    await settle();
    expect(document.activeElement).toBe(rowFor(4001));
    await user.keyboard('{Enter}');
    expect(store.selectedPort).toBe(4001);
  });
});
