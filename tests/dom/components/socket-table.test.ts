// Listeners and Connections views: virtualized rows, sorting, filtering, keyboard, row marks.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import Connections from '../../../src-renderer/views/Connections.svelte';
import Listeners from '../../../src-renderer/views/Listeners.svelte';
import { connection, fakeApi, listener, makeState, manyListeners, NOW } from '../fakes.js';

function storeWith(sockets = manyListeners(5), clock = () => NOW): PortholeStore {
  const store = new PortholeStore(fakeApi(), clock);
  store.handle({
    type: 'state',
    state: makeState({
      snapshot: { takenAt: NOW, sockets, unattributed: 0, source: 'proc', warnings: [] },
    }),
  });
  return store;
}

/** Lets virtua take its (stubbed) viewport measurement and render. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await Promise.resolve();
    await tick();
  }
}

function bodyRows(): HTMLElement[] {
  return screen.getAllByRole('row').filter((row) => row.hasAttribute('data-index'));
}

function firstCell(row: HTMLElement): string {
  return within(row).getAllByRole('gridcell')[0]!.textContent.trim();
}

function firstCells(): string[] {
  return bodyRows().map(firstCell);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('socket tables', () => {
  test('10,000 listeners render only a window of rows', async () => {
    render(Listeners, { store: storeWith(manyListeners(10_000)) });
    await settle();
    const grid = screen.getByRole('grid', { name: 'Listeners' });
    expect(grid).toHaveAttribute('aria-rowcount', '10001');
    const rendered = bodyRows().length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
    expect(screen.getByText(/10,000 of 10,000\s+listeners/)).toBeInTheDocument();
  });

  test('as the filter narrows, rows that stay keep their element', async () => {
    const user = userEvent.setup();
    render(Listeners, { store: storeWith(manyListeners(200)) });
    await settle();
    const before = new Map(bodyRows().map((row) => [firstCell(row), row]));
    // svc1, svc10-svc19, svc100-svc199 stay; the rows between them leave.
    await user.type(screen.getByRole('searchbox', { name: 'Filter' }), 'svc1');
    await settle();
    const after = bodyRows();
    expect(after.map(firstCell).slice(0, 3)).toEqual(['10001', '10010', '10011']);
    expect(after[0]).toBe(before.get('10001'));
    expect(after[1]).toBe(before.get('10010'));
    expect(new Set(after.map(firstCell)).size).toBe(after.length);
  });

  test('headers sort on click and on Enter, with aria-sort', async () => {
    const user = userEvent.setup();
    const sockets = [
      listener({ localPort: 3000, pid: 30, process: 'beta', inode: 1 }),
      listener({ localPort: 80, pid: 10, process: 'gamma', inode: 2 }),
      listener({ localPort: 5000, pid: 20, process: 'alpha', inode: 3 }),
    ];
    render(Listeners, { store: storeWith(sockets) });
    await settle();
    const portHeader = screen.getByRole('columnheader', { name: /Port/ });
    const pidHeader = screen.getByRole('columnheader', { name: /PID/ });
    expect(portHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(firstCells()).toEqual(['80', '3000', '5000']);

    await user.click(within(pidHeader).getByRole('button'));
    expect(pidHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(portHeader).toHaveAttribute('aria-sort', 'none');
    expect(firstCells()).toEqual(['80', '5000', '3000']);

    within(pidHeader).getByRole('button').focus();
    await user.keyboard('{Enter}');
    expect(pidHeader).toHaveAttribute('aria-sort', 'descending');
    expect(firstCells()).toEqual(['3000', '5000', '80']);

    await user.click(screen.getByRole('button', { name: /Process/ }));
    expect(firstCells()).toEqual(['5000', '3000', '80']);
  });

  test('the filter box narrows rows and shows "N of M"', async () => {
    const user = userEvent.setup();
    const store = storeWith([
      listener({ localPort: 3000, inode: 1 }),
      listener({ localPort: 5432, localAddress: '0.0.0.0', exposure: 'all-interfaces', inode: 2 }),
      listener({ protocol: 'udp', localPort: 53, state: 'UNCONN', inode: 3 }),
    ]);
    render(Listeners, { store });
    await settle();
    const box = screen.getByRole('searchbox', { name: 'Filter' });
    await user.type(box, ':3000');
    expect(firstCells()).toEqual(['3000']);
    expect(screen.getByText(/1 of 3\s+listeners/)).toBeInTheDocument();
    // Screen readers hear the result once typing pauses, not on every refresh.
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 of 3 listeners'));

    await user.clear(box);
    await user.type(box, 'tcp exposed');
    expect(firstCells()).toEqual(['5432']);

    await user.clear(box);
    await user.type(box, 'nothing-like-this');
    expect(screen.queryByRole('grid')).not.toBeInTheDocument();
    expect(screen.getByText(/No listeners match/)).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(box).toHaveValue('');
    expect(store.tables.listeners.filter).toBe('');
    expect(bodyRows()).toHaveLength(3);

    await user.type(box, ':99999');
    expect(screen.getByText(/Ignored: port 99999 is out of range/)).toBeInTheDocument();
  });

  test('a row click or Enter opens the port; arrow keys move between rows', async () => {
    const user = userEvent.setup();
    const store = storeWith([
      listener({ localPort: 3000, inode: 1 }),
      listener({ localPort: 4000, inode: 2 }),
      listener({ localPort: 5000, inode: 3 }),
    ]);
    render(Listeners, { store });
    await settle();
    const rows = bodyRows();
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1]);

    rows[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(bodyRows()[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(bodyRows()[2]);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(bodyRows()[1]);
    expect(bodyRows().map((r) => r.tabIndex)).toEqual([-1, 0, -1]);
    await user.keyboard('{Enter}');
    expect(store.view).toBe('port');
    expect(store.selectedPort).toBe(4000);

    store.show('listeners');
    await user.click(within(bodyRows()[2]!).getByText('5000'));
    expect(store.selectedPort).toBe(5000);
  });

  test('new rows are highlighted; closed rows fade, then go', async () => {
    vi.useFakeTimers({ now: NOW });
    const a = listener({ localPort: 3000, inode: 1 });
    const b = listener({ localPort: 4000, inode: 2 });
    const store = storeWith([a], () => Date.now());
    render(Listeners, { store });
    await settle();
    store.handle({
      type: 'snapshot-diff',
      takenAt: NOW + 2000,
      diff: { added: [b], removed: [a], changed: [] },
      unattributed: 0,
      warnings: [],
      source: 'proc',
    });
    await vi.advanceTimersByTimeAsync(0);
    const [closed, added] = bodyRows();
    expect(closed).toHaveClass('removed');
    expect(closed).toHaveTextContent('(closed)');
    expect(added).toHaveClass('added');
    expect(screen.getByText(/1 of 1\s+listeners/)).toBeInTheDocument();

    await vi.advanceTimersByTimeAsync(3000);
    expect(firstCells()).toEqual(['4000']);
    expect(bodyRows()[0]).not.toHaveClass('added');
  });

  test('a row no process is named for says who holds it, by why, on hover', async () => {
    const unnamed = listener({
      localPort: 2024,
      pid: null,
      process: null,
      command: null,
      user: 'root',
    });
    render(Listeners, {
      store: storeWith([
        { ...unnamed, unattributedCause: 'refused' },
        { ...unnamed, localPort: 2025 },
        listener({ localPort: 3000 }),
      ]),
    });
    await settle();
    const row = (port: number) => bodyRows().find((r) => firstCell(r).startsWith(String(port)))!;
    expect(within(row(2024)).getByTitle('A process that refuses inspection')).toHaveTextContent(
      '—',
    );
    expect(within(row(2025)).getByTitle('An unknown process')).toBeInTheDocument();
    expect(within(row(3000)).queryByTitle(/process/)).not.toBeInTheDocument();
  });

  test('connections show remote endpoint and state', async () => {
    render(Connections, {
      store: storeWith([
        listener({ localPort: 3000, inode: 1 }),
        connection({
          localPort: 51000,
          remoteAddress: '::1',
          remotePort: 5432,
          family: 6,
          inode: 2,
        }),
      ]),
    });
    await settle();
    expect(screen.getByRole('columnheader', { name: /Remote/ })).toBeInTheDocument();
    const [row] = bodyRows();
    expect(bodyRows()).toHaveLength(1);
    expect(row).toHaveTextContent('[::1]:5432');
    expect(row).toHaveTextContent('ESTABLISHED');
  });
});
