// PortDetail: holders, who answers localhost per family, conflicts, free-port chips, watch, kill and history.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import type { PortholeState, WhoResult } from '../../../src-main/shared/contract.js';
import { conflictProblem, watchProblem } from '../../../src-main/domain/problem-list.js';
import { conflictSeverity, SEVERITY_LABEL } from '../../../src-main/domain/severity.js';
import { copyStatus } from '../../../src-renderer/lib/clipboard.js';
import { markAnswers } from '../../../src-renderer/lib/detail-view.js';
import PortDetail from '../../../src-renderer/views/PortDetail.svelte';
import {
  NOW,
  answer,
  conflict,
  fakeApi,
  historyEntry,
  makeStore,
  socket,
  watchState,
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

async function answerItems(): Promise<HTMLElement[]> {
  const list = await screen.findByRole('list', { name: 'Answers on localhost' });
  return within(list).getAllByRole('listitem');
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

  test('a socket no process is named for says who holds it, by why', async () => {
    const unnamed = socket({
      pid: null,
      process: null,
      command: null,
      user: 'root',
      unattributedCause: 'other-user',
    });
    setup({}, { ...who, sockets: [unnamed, python6] });
    const table = await screen.findByRole('table', { name: 'Sockets on port 3000' });
    const [row] = within(table).getAllByRole('row').slice(1);
    expect(row).toHaveTextContent('Another user’s process (sudo would name it)');
  });

  test('answers that agree show as open, in the order clients try them', async () => {
    const same: WhoResult = {
      ...who,
      sockets: [node4, { ...node4, family: 6, localAddress: '::1', inode: 77 }],
      answers: [
        answer({ address: '127.0.0.1', family: 4, pid: 4121, ms: 0.3 }),
        answer({ address: '::1', family: 6, pid: 4121, ms: null }),
      ],
    };
    setup({}, same);
    const items = await answerItems();
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '● open: IPv6 (::1) → node, PID 4121',
      '● open: IPv4 (127.0.0.1) → node, PID 4121, 0.3 ms',
    ]);
  });

  test('two processes answering localhost are marked with the conflict, not shown as fine', async () => {
    const shadowed = conflict({ pids: [4121, 4200] });
    setup({ conflicts: [shadowed] }, { ...who, conflicts: [shadowed] });
    const items = await answerItems();
    const word = SEVERITY_LABEL[conflictSeverity(shadowed)];
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).not.toHaveTextContent('●');
      expect(item).toHaveTextContent(new RegExp(`^${word}`));
    }
    expect(items[0]).toHaveTextContent('IPv6 (::1) → python3, PID 4200');
    const section = screen.getByRole('region', { name: 'Who answers localhost:3000' });
    const { verdict } = markAnswers(who.answers, [shadowed], who.sockets);
    expect(verdict).toContain('python3 (PID 4200) answers, not node');
    expect(within(section).getByText(verdict!)).toBeInTheDocument();
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

  test('explains the conflicts on this port with their severity, title and fix', () => {
    const here = conflict();
    setup({ conflicts: [here, conflict({ port: 8080, message: 'the 8080 conflict' })] });
    const section = screen.getByRole('region', { name: 'Conflicts' });
    const problem = conflictProblem(here);
    const items = within(section).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent(`${SEVERITY_LABEL[problem.severity]} ${problem.title}`);
    expect(items[0]).toHaveTextContent(here.message);
    expect(items[0]).toHaveTextContent(`Fix: ${here.fix}`);
    expect(section).not.toHaveTextContent('the 8080 conflict');
  });

  test('deliberate SO_REUSEPORT workers are info, not an error', () => {
    setup({ conflicts: [conflict({ kind: 'shared-port', deliberate: true })] });
    const section = screen.getByRole('region', { name: 'Conflicts' });
    expect(within(section).getByRole('listitem')).toHaveTextContent(
      new RegExp(`^\\s*${SEVERITY_LABEL.info}`),
    );
    expect(section).not.toHaveTextContent(SEVERITY_LABEL.error);
    expect(section).not.toHaveTextContent(SEVERITY_LABEL.warning);
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

  test('a free port chip the clipboard refuses is selected for Ctrl+C, and says so', async () => {
    const { api, user } = setup();
    api.freePorts.mockResolvedValue([3001]);
    const writeText = vi.fn(() => Promise.reject(new Error('denied')));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Suggest a free port near 3000' }));
    await user.click(await screen.findByRole('button', { name: 'Copy 3001' }));
    expect(screen.getByText(copyStatus('selected', '3001'))).toBeInTheDocument();
    expect(window.getSelection()?.toString().trim()).toBe('3001');
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

  test('a watched port that is down says it is down, as an error, and who held it last', async () => {
    const down = watchView(
      {},
      watchState({ status: 'down', owner: { pid: 4121, process: 'node' } }),
    );
    setup(
      {
        watches: [down],
        snapshot: { takenAt: NOW, sockets: [], unattributed: 0, source: 'proc', warnings: [] },
      },
      { port: 3000, sockets: [], conflicts: [], answers: [] },
    );
    const text = await screen.findByText(/^Port 3000 is down: nobody listens on it\./);
    expect(text).toHaveTextContent(watchProblem(down).message);
    expect(text).toHaveTextContent('node (PID 4121)');
    expect(text.parentElement).toHaveTextContent(new RegExp(`^\\s*${SEVERITY_LABEL.error}`));
    expect(screen.queryByText(/it is free/)).not.toBeInTheDocument();
  });
});
