// History view: newest first by day, filters by port and kind, empty states, and export as a download.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import History from '../../../src-renderer/views/History.svelte';
import { NOW, fakeApi, historyEntry, makeStore, watchView } from './fakes.js';

const DAY = 24 * 60 * 60_000;
const entries = [
  historyEntry({ at: NOW - 2 * DAY, event: 'up', detail: 'two days ago' }),
  historyEntry({ at: NOW - 60_000, event: 'down', detail: 'a minute ago' }),
  historyEntry({
    at: NOW - DAY,
    kind: 'conflict-appeared',
    event: 'shadowed',
    target: 'tcp/3000',
    detail: 'yesterday',
  }),
];

function setup(found = entries) {
  const api = fakeApi();
  api.queryHistory.mockResolvedValue(found);
  const store = makeStore(api);
  render(History, { props: { store, api } });
  return { api, store, user: userEvent.setup() };
}

// jsdom's Blob has no text(); FileReader reads it.
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new Error('could not read the blob'));
    reader.readAsText(blob);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('History view', () => {
  test('groups by day, newest day and newest entry first', async () => {
    setup();
    const region = await screen.findByRole('region', { name: 'History entries' });
    const headings = within(region)
      .getAllByRole('heading')
      .map((h) => h.textContent);
    expect(headings).toEqual(['Today', 'Yesterday', 'Thu 26 Nov 2026']);
    const items = within(region).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('a minute ago'),
      expect.stringContaining('yesterday'),
      expect.stringContaining('two days ago'),
    ]);
    expect(items[1]).toHaveTextContent('Conflict on tcp/3000: one listener hides another');
  });

  test("a watch's entries carry its label, as the watch list names it", async () => {
    const api = fakeApi();
    api.queryHistory.mockResolvedValue([
      historyEntry({ at: NOW - 3000, target: '32975', port: 32975, event: 'down' }),
      historyEntry({ at: NOW - 2000, target: '3000', port: 3000, event: 'up' }),
      historyEntry({
        at: NOW - 1000,
        kind: 'owner-changed',
        target: '32975',
        port: 32975,
        event: 'owner-changed',
      }),
    ]);
    const store = makeStore(api, {
      watches: [
        watchView({ id: 'w', target: { host: null, port: 32975 }, label: 'Worker' }),
        watchView({ id: 'x', target: { host: null, port: 3000 }, label: null }),
      ],
    });
    render(History, { props: { store, api } });
    const region = await screen.findByRole('region', { name: 'History entries' });
    const titles = within(region)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.title')?.textContent);
    expect(titles).toEqual(['Worker (32975): owner changed', '3000 up', 'Worker (32975) down']);
  });

  test('filters by port (and refuses a bad one) and by kind', async () => {
    const { api, user } = setup();
    await screen.findByRole('region', { name: 'History entries' });
    expect(api.queryHistory).toHaveBeenLastCalledWith({ limit: 1000 });

    await user.type(screen.getByLabelText('Port'), '3000');
    await waitFor(() =>
      expect(api.queryHistory).toHaveBeenLastCalledWith({ port: 3000, limit: 1000 }),
    );
    await user.clear(screen.getByLabelText('Port'));
    await waitFor(() => expect(api.queryHistory).toHaveBeenLastCalledWith({ limit: 1000 }));
    const calls = api.queryHistory.mock.calls.length;
    await user.paste('70000');
    expect(screen.getByRole('alert')).toHaveTextContent('Port must be 1–65535');
    expect(screen.getByLabelText('Port')).toHaveAttribute('aria-invalid', 'true');
    expect(api.queryHistory).toHaveBeenCalledTimes(calls);
    await user.clear(screen.getByLabelText('Port'));

    await user.click(screen.getByRole('checkbox', { name: 'Owner changed' }));
    await user.click(screen.getByRole('checkbox', { name: 'Exposed to network' }));
    await waitFor(() =>
      expect(api.queryHistory).toHaveBeenLastCalledWith({
        limit: 1000,
        kinds: ['watch', 'conflict-appeared', 'conflict-resolved'],
      }),
    );
  });

  test('empty history says what will appear and how', async () => {
    setup([]);
    expect(await screen.findByText(/No history yet/)).toHaveTextContent(
      'No history yet: add a watch and Porthole records when it goes up or down',
    );
  });

  test('no match under filters says so, not "no history"', async () => {
    const { api, user } = setup([]);
    await screen.findByText(/No history yet/);
    await user.type(screen.getByLabelText('Port'), '5432');
    await waitFor(() =>
      expect(api.queryHistory).toHaveBeenLastCalledWith({ port: 5432, limit: 1000 }),
    );
    expect(
      await screen.findByText('Nothing recorded that matches these filters.'),
    ).toBeInTheDocument();
  });

  test('export CSV downloads the file through a Blob link, for the filtered port', async () => {
    const { api, user } = setup();
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:porthole/1');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push(this);
    });
    await user.type(screen.getByLabelText('Port'), '3000');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(api.exportHistory).toHaveBeenCalledWith('csv', 3000);
    await waitFor(() => expect(clicks).toHaveLength(1));
    expect(clicks[0]?.download).toBe('porthole-history.csv');
    expect(clicks[0]?.href).toBe('blob:porthole/1');
    const blob = createObjectURL.mock.calls[0]?.[0];
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    expect(await readBlob(blob!)).toBe('at,kind\n');
    expect(screen.getByText('Saved porthole-history.csv')).toBeInTheDocument();
    await waitFor(() => expect(revokeObjectURL).toHaveBeenCalledWith('blob:porthole/1'));
  });

  test('an export failure is shown', async () => {
    const { api, user } = setup();
    api.exportHistory.mockRejectedValue(new Error('history file unreadable'));
    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('history file unreadable');
  });

  test('a new watch event reads the history again', async () => {
    const { api, store } = setup();
    await screen.findByRole('region', { name: 'History entries' });
    const before = api.queryHistory.mock.calls.length;
    store.handle({
      type: 'watch-event',
      event: {
        at: NOW + 1000,
        watchId: '3000',
        target: '3000',
        event: 'down',
        pid: null,
        process: null,
        detail: 'gone',
        silenced: false,
      },
    });
    await waitFor(() => expect(api.queryHistory.mock.calls.length).toBe(before + 1));
  });
});
