// The Watches view: one-field add with validation and server errors, the list's states, and its actions.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { PortholeError } from '../../../src-main/shared/api.js';
import Watches from '../../../src-renderer/views/Watches.svelte';
import { NOW, fakeApi, makeStore, watchState, watchView } from './fakes.js';

function setup(watches = [watchView()]) {
  const api = fakeApi();
  const store = makeStore(api, { watches });
  render(Watches, { props: { store, api } });
  return { api, store, user: userEvent.setup() };
}

const field = () => screen.getByLabelText('Port or host:port');

describe('add form', () => {
  test('one field and Enter adds the watch', async () => {
    const { api, user } = setup([]);
    await user.type(field(), '3000{Enter}');
    expect(api.addWatch).toHaveBeenCalledWith({ target: '3000' });
    expect(await screen.findByText('Watching 3000')).toBeInTheDocument();
    expect(field()).toHaveValue('');
  });

  test.each([
    ['70000', 'Port must be 1–65535'],
    ['abc', 'is not a port'],
    ['bad host!:80', 'No spaces allowed'],
    ['bad!host:80', 'cannot contain "!"'],
    ['[::1', 'Missing "]"'],
  ])('refuses %s without calling the server', async (text, message) => {
    const { api, user } = setup([]);
    // user-event reads "[" and "{" as key descriptors: doubled, they are typed as text.
    await user.type(field(), `${text.replace(/[[{]/g, '$&$&')}{Enter}`);
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(field()).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(api.addWatch).not.toHaveBeenCalled();
  });

  test('a bad interval opens Options, names the problem, and fixing it clears the message', async () => {
    const { api, user } = setup([]);
    await user.click(screen.getByText('Options'));
    await user.type(screen.getByLabelText('Interval (s)'), '0.2');
    await user.type(field(), '3000{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Interval must be at least 0.5 s');
    expect(api.addWatch).not.toHaveBeenCalled();
    await user.clear(screen.getByLabelText('Interval (s)'));
    await user.type(screen.getByLabelText('Interval (s)'), '0.5');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.type(field(), '{Enter}');
    expect(api.addWatch).toHaveBeenCalledWith({ target: '3000', intervalMs: 500 });
  });

  test("the server's error is shown and the typed text is kept", async () => {
    const { api, user } = setup([]);
    api.addWatch.mockRejectedValueOnce(
      new PortholeError('invalid-request', 'already watching 3000'),
    );
    await user.type(field(), '3000{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('already watching 3000');
    expect(field()).toHaveValue('3000');
  });
});

describe('watch list', () => {
  test('empty list says what to do', () => {
    setup([]);
    expect(screen.getByText(/No watches yet/)).toHaveTextContent('press Enter');
  });

  test('each watch shows its state, since when, latency, owner; down and flapping and snoozed read as such', () => {
    setup([
      watchView(),
      watchView(
        { id: 'db', target: { host: 'db.internal', port: 5432 }, label: 'DB' },
        watchState({
          status: 'down',
          since: NOW - 3 * 60_000,
          flapping: true,
          lastError: 'ECONNREFUSED',
          snoozeUntilUp: true,
          lastLatencyMs: null,
        }),
      ),
      watchView({ id: '9', target: { host: null, port: 9 } }, null),
    ]);
    const up = screen.getByRole('listitem', { name: '3000: up' });
    expect(up).toHaveTextContent('up for 3 min');
    expect(up).toHaveTextContent('0.4 ms');
    expect(up).toHaveTextContent('node (PID 4121)');
    const down = screen.getByRole('listitem', { name: 'DB (db.internal:5432): down' });
    expect(down).toHaveTextContent('down for 3 min');
    expect(down).toHaveTextContent('(refused (nothing listens))');
    expect(within(down).getByText('flapping')).toBeInTheDocument();
    expect(within(down).getByText('snoozed until up')).toBeInTheDocument();
    expect(
      within(down).getByRole('button', { name: 'Resume DB (db.internal:5432)' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: '9: unknown' })).toHaveTextContent(
      'not checked yet',
    );
  });

  test('a watch whose owner exited says so instead of naming it as the holder', () => {
    setup([
      watchView(
        { id: 'api', target: { host: null, port: 4999 } },
        watchState({ status: 'down', owner: { pid: 777_777, process: 'node' } }),
      ),
    ]);
    const row = screen.getByRole('listitem', { name: '4999: down' });
    expect(row).toHaveTextContent('was node (PID 777777), exited');
  });

  test('the sparkline draws one point per latency', () => {
    setup([watchView({}, watchState({ latencies: [0.2, 0.9, 0.4, 1.3, 0.5] }))]);
    const spark = screen.getByRole('img', { name: /Latency of the last 5 probes: 0\.2–1\.3 ms/ });
    const points = spark.querySelector('polyline')?.getAttribute('points') ?? '';
    expect(points.trim().split(/\s+/)).toHaveLength(5);
  });

  test('below two latencies there is no sparkline (no lone dot), but its space stays', () => {
    setup([
      watchView({ id: 'a' }, watchState({ status: 'down', latencies: [1.2] })),
      watchView({ id: 'b', target: { host: null, port: 3001 } }, watchState({ latencies: [] })),
    ]);
    for (const row of screen.getAllByRole('listitem')) {
      expect(within(row).queryByRole('img')).not.toBeInTheDocument();
      expect(row.querySelector('circle, polyline')).toBeNull();
      // The empty box is as big as a drawn sparkline, so the columns do not move.
      const slot = row.querySelector<HTMLElement>('.latency .sparkline');
      expect(slot).toHaveAttribute('aria-hidden', 'true');
      expect(slot?.style.width).toBe('80px');
      expect(slot?.style.height).toBe('20px');
    }
  });

  test('state pushed by the store updates the row in place', async () => {
    const { store } = setup();
    store.handle({
      type: 'watch-state',
      id: '3000',
      state: watchState({ status: 'down', since: NOW - 12_000 }),
    });
    expect(await screen.findByRole('listitem', { name: '3000: down' })).toHaveTextContent(
      'down for 12 s',
    );
  });

  test('snooze 15 min, 1 h, until up, and resume', async () => {
    const { api, user } = setup([watchView({}, watchState({ snoozedUntil: NOW + 10 * 60_000 }))]);
    const row = screen.getByRole('listitem', { name: '3000: up' });
    expect(row).toHaveTextContent('snoozed for 10 min');
    const open = () => user.click(within(row).getByText('Snooze'));
    await open();
    await user.click(within(row).getByRole('button', { name: '15 min' }));
    expect(api.snoozeWatch).toHaveBeenLastCalledWith('3000', NOW + 15 * 60_000);
    await open();
    await user.click(within(row).getByRole('button', { name: '1 h' }));
    expect(api.snoozeWatch).toHaveBeenLastCalledWith('3000', NOW + 60 * 60_000);
    await open();
    await user.click(within(row).getByRole('button', { name: 'Until up' }));
    expect(api.snoozeWatch).toHaveBeenLastCalledWith('3000', 'until-up');
    await user.click(within(row).getByRole('button', { name: 'Resume 3000' }));
    expect(api.snoozeWatch).toHaveBeenLastCalledWith('3000', null);
  });

  test('Escape closes the snooze menu without snoozing and returns to its button', async () => {
    const { api, user } = setup();
    await user.click(screen.getByLabelText('Snooze 3000', { selector: 'summary' }));
    expect(screen.getByRole('button', { name: '15 min' })).toBeVisible();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: '15 min', hidden: true })).not.toBeVisible();
    expect(screen.getByLabelText('Snooze 3000', { selector: 'summary' })).toHaveFocus();
    expect(api.snoozeWatch).not.toHaveBeenCalled();
  });

  test('remove offers undo, which adds the same watch back', async () => {
    const { api, user } = setup([watchView({ expect: 'node', label: 'API' })]);
    await user.click(screen.getByRole('button', { name: 'Remove API (3000)' }));
    expect(api.removeWatch).toHaveBeenCalledWith('3000');
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(api.addWatch).toHaveBeenCalledWith(
      expect.objectContaining({ target: '3000', expect: 'node', label: 'API' }),
    );
  });

  test('edit inline sends only what changed; Escape cancels', async () => {
    const { api, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Edit 3000' }));
    const editForm = screen.getByRole('form', { name: 'Edit watch' });
    await user.type(within(editForm).getByLabelText('Expected process'), 'node');
    await user.click(within(editForm).getByRole('button', { name: 'Save' }));
    expect(api.updateWatch).toHaveBeenCalledWith('3000', { expect: 'node' });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit watch' })).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Edit 3000' }));
    expect(screen.getByRole('form', { name: 'Edit watch' })).toContainElement(
      document.activeElement as HTMLElement,
    );
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Edit watch' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit 3000' })).toHaveFocus();
    expect(api.updateWatch).toHaveBeenCalledTimes(1);
  });

  test('clicking the watch opens its port detail', async () => {
    const { store, user } = setup();
    await user.click(screen.getByRole('button', { name: '3000' }));
    expect(store.view).toBe('port');
    expect(store.selectedPort).toBe(3000);
  });
});

describe('row actions', () => {
  test('a local watch has the port quick actions (go to port, copy PID); a remote one has none', async () => {
    const { store, user } = setup([
      watchView(),
      watchView({ id: 'db', target: { host: 'db.internal', port: 5432 } }),
    ]);
    expect(screen.queryByRole('button', { name: /^Actions for db\.internal/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Actions for 3000' }));
    const items = screen.getAllByRole('menuitem').map((m) => m.textContent?.trim());
    expect(items).toEqual(
      expect.arrayContaining(['Open http://localhost:3000', 'Go to port 3000', 'Copy PID']),
    );
    await user.click(screen.getByRole('menuitem', { name: 'Go to port 3000' }));
    expect(store.selectedPort).toBe(3000);
  });
});
