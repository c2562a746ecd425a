// PortDetail: holders, who answers localhost per family, conflicts, free-port chips, watch, kill and history.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import type { PortholeState, WhoResult } from '../../../src-main/shared/contract.js';
import PortDetail from '../../../src-renderer/views/PortDetail.svelte';
import {
  NOW,
  answer,
  conflict,
  fakeApi,
  historyEntry,
  makeStore,
  socket,
  watchView,
} from './fakes.js';

const node4 = socket();
const python6 = socket({
  family: 6,
  localAddress: '::1',
  pid: 4200,
  process: 'python3',
  command: 'python3 -m http.server --bind ::1 3000',
});

const who: WhoResult = {
  port: 3000,
  sockets: [node4, python6],
  conflicts: [],
  answers: [
    answer({ address: '::1', family: 6, pid: 4200, ms: null }),
    answer({ address: '127.0.0.1', family: 4, pid: 4121, ms: 0.3 }),
  ],
};

function setup(state: Partial<PortholeState> = {}, result: WhoResult = who) {
  const api = fakeApi();
  api.whoIsOn.mockResolvedValue(result);
  const store = makeStore(api, {
    snapshot: {
      takenAt: NOW,
      sockets: result.sockets,
      unattributed: 0,
      source: 'proc',
      warnings: [],
    },
    ...state,
  });
  render(PortDetail, { props: { store, api, port: 3000 } });
  return { api, store, user: userEvent.setup() };
}

describe('PortDetail', () => {
  test('lists who holds the port on each address and family', async () => {
    const { api } = setup();
    const table = await screen.findByRole('table', { name: 'Sockets on port 3000' });
    expect(api.whoIsOn).toHaveBeenCalledWith(3000);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('127.0.0.1:3000');
    expect(rows[0]).toHaveTextContent('IPv4');
    expect(rows[0]).toHaveTextContent('node server.js --port 3000');
    expect(rows[1]).toHaveTextContent('[::1]:3000');
    expect(rows[1]).toHaveTextContent('IPv6');
    expect(rows[1]).toHaveTextContent('python3');
    expect(rows[1]).toHaveTextContent('4200');
  });

  test('says who answers localhost per family, in words', async () => {
    setup();
    const section = (await screen.findByRole('heading', { name: 'Who answers localhost:3000' }))
      .parentElement!;
    const items = await within(section).findAllByRole('listitem');
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '● open: IPv4 (127.0.0.1) → node, PID 4121, 0.3 ms',
      '● open: IPv6 (::1) → python3, PID 4200',
    ]);
  });

  test('a closed address says why', async () => {
    setup(
      {},
      {
        ...who,
        answers: [
          answer({ address: '::1', family: 6, open: false, pid: null, error: 'ECONNREFUSED' }),
        ],
      },
    );
    expect(
      await screen.findByText(/IPv6 \(::1\) → refused \(nothing listens\)/),
    ).toBeInTheDocument();
  });

  test('explains the conflicts on this port with their fix', () => {
    setup({ conflicts: [conflict(), conflict({ port: 8080, message: 'the 8080 conflict' })] });
    const section = screen.getByRole('heading', { name: 'Conflicts' }).parentElement!;
    expect(section).toHaveTextContent('One listener hides another (TCP)');
    expect(section).toHaveTextContent(
      'node (PID 4121) on 127.0.0.1 hides python3 (PID 4200) on ::1',
    );
    expect(section).toHaveTextContent('Fix: Stop one of them or move it to another port');
    expect(section).not.toHaveTextContent('the 8080 conflict');
  });

  test('suggests free ports nearby as copyable chips', async () => {
    const { api, user } = setup();
    api.freePorts.mockResolvedValue([3001, 3002, 3003, 3004, 3005]);
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Suggest a free port near 3000' }));
    expect(api.freePorts).toHaveBeenCalledWith(3000, 5);
    const chips = within(
      await screen.findByRole('list', { name: 'Free ports near 3000' }),
    ).getAllByRole('button');
    expect(chips.map((c) => c.textContent?.trim())).toEqual([
      '3001',
      '3002',
      '3003',
      '3004',
      '3005',
    ]);
    await user.click(screen.getByRole('button', { name: 'Copy 3002' }));
    expect(writeText).toHaveBeenCalledWith('3002');
    expect(screen.getByText('Copied 3002')).toBeInTheDocument();
  });

  test('watch this port with one click; a watched port shows its state instead', async () => {
    const { api, user, store } = setup();
    await user.click(screen.getByRole('button', { name: 'Watch this port' }));
    expect(api.addWatch).toHaveBeenCalledWith({ target: '3000' });
    store.handle({ type: 'watches', watches: [watchView()] });
    expect(
      await screen.findByRole('button', { name: /Watched: up for 3 min/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Watch this port' })).toBeNull();
  });

  test('kill buttons per owning process open the dialog, only when killing is allowed', async () => {
    const { api, user } = setup();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Stop python3 (PID 4200)…' }));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(api.inspectProcess).toHaveBeenCalledWith(4200);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Stop python3 (PID 4200)…' })).toHaveFocus();
  });

  test('no kill buttons in a mode without the kill capability', async () => {
    setup({ capabilities: { kill: false, platform: 'linux', transport: 'http' } });
    await screen.findByRole('table');
    expect(screen.queryByRole('button', { name: /^Stop / })).toBeNull();
  });

  test('shows the port history newest first', async () => {
    const api = fakeApi();
    api.whoIsOn.mockResolvedValue(who);
    api.queryHistory.mockResolvedValue([
      historyEntry({ at: NOW - 120_000, event: 'up', detail: 'node came up' }),
      historyEntry({ at: NOW - 60_000, event: 'down', detail: 'node went away' }),
    ]);
    render(PortDetail, { props: { store: makeStore(api), api, port: 3000 } });
    const list = await screen.findByRole('list', { name: 'History of port 3000' });
    expect(api.queryHistory).toHaveBeenCalledWith({ port: 3000, limit: 50 });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('node went away');
    expect(items[1]).toHaveTextContent('node came up');
  });

  test('re-fetches when the sockets on the port change, not on other ports', async () => {
    const { api, store } = setup();
    await screen.findByRole('table');
    expect(api.whoIsOn).toHaveBeenCalledTimes(1);
    store.handle({
      type: 'snapshot-diff',
      takenAt: NOW + 2000,
      diff: { added: [socket({ localPort: 8080 })], removed: [], changed: [] },
      unattributed: 0,
      warnings: [],
      source: 'proc',
    });
    await tick();
    expect(api.whoIsOn).toHaveBeenCalledTimes(1);
    store.handle({
      type: 'snapshot-diff',
      takenAt: NOW + 4000,
      diff: { added: [], removed: [python6], changed: [] },
      unattributed: 0,
      warnings: [],
      source: 'proc',
    });
    await waitFor(() => expect(api.whoIsOn).toHaveBeenCalledTimes(2));
  });

  test('a free port says so', async () => {
    setup({}, { port: 3000, sockets: [], conflicts: [], answers: [] });
    expect(await screen.findByText('Nobody listens on port 3000: it is free.')).toBeInTheDocument();
  });
});
