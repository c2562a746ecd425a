// The Explain panel: the text goes to api.explain, the verdict shows first, findings problems first
// with a mark and a word, each fix with Copy, the holder's port page, free ports for bind errors.
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import type { ExplanationView } from '../../../src-main/shared/contract.js';
import Overview from '../../../src-renderer/views/Overview.svelte';
import PortDetail from '../../../src-renderer/views/PortDetail.svelte';
import { containerSnapshot, DB, dbForwarder } from '../container-fakes.js';
import { listener } from '../fakes.js';
import { fakeApi, makeStore, NOW } from '../views/fakes.js';
import { VIEWPORT } from '../setup.js';

const FAMILY: ExplanationView = {
  input: 'connect ECONNREFUSED 127.0.0.1:3000',
  target: { host: '127.0.0.1', port: 3000, protocol: 'tcp' },
  situation: 'connect-refused',
  verdict: 'node (PID 4121) listens on [::1]:3000 only, so 127.0.0.1:3000 is refused.',
  findings: [
    {
      check: 'known-service',
      status: 'info',
      message: '3000 is a dev server port.',
      fix: null,
      pids: [],
    },
    {
      check: 'firewall',
      status: 'skipped',
      message: 'no firewall tool found',
      fix: null,
      pids: [],
    },
    {
      check: 'family',
      status: 'problem',
      message: 'node (PID 4121) listens on [::1]:3000 only, so 127.0.0.1:3000 is refused.',
      fix: 'connect to [::1]:3000 instead',
      pids: [4121],
    },
    {
      check: 'listening',
      status: 'ok',
      message: 'Something listens on 3000.',
      fix: null,
      pids: [],
    },
  ],
};

const IN_USE: ExplanationView = {
  input: 'listen EADDRINUSE: address already in use :::5173',
  target: { host: '::', port: 5173, protocol: 'tcp' },
  situation: 'address-in-use',
  verdict: 'vite (PID 777) already holds port 5173.',
  findings: [
    {
      check: 'holder',
      status: 'problem',
      message: 'vite (PID 777) already holds port 5173.',
      fix: 'kill 777',
      pids: [777],
    },
  ],
};

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    await Promise.resolve();
    await tick();
  }
}

function setup(answer: ExplanationView) {
  const api = fakeApi();
  api.explain.mockResolvedValue(answer);
  const store = makeStore(api, {
    snapshot: containerSnapshot(
      [
        listener({ localAddress: '::1', localPort: 3000, pid: 4121, inode: 1 }),
        listener({ localPort: 8080, pid: 777, inode: 2 }),
      ],
      NOW,
    ),
  });
  return { api, store };
}

afterEach(() => {
  VIEWPORT.width = 1024;
});

describe('Explain panel', () => {
  test('on Overview: the pasted text is explained; verdict first, problems first, each with mark and word', async () => {
    const user = userEvent.setup();
    const { api, store } = setup(FAMILY);
    render(Overview, { store, now: NOW });
    const box = screen.getByLabelText('Paste an error, a URL, host:port or a port');
    await user.type(box, FAMILY.input);
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    expect(api.explain).toHaveBeenCalledExactlyOnceWith(FAMILY.input);

    const result = screen.getByText(FAMILY.verdict, { selector: 'strong' });
    const list = screen.getByRole('list', { name: 'Findings' });
    // The verdict comes before the findings in the page.
    expect(result.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.dataset.status)).toEqual(['problem', 'info', 'ok', 'skipped']);
    // Never colour alone: a word per status.
    expect(items.map((li) => li.querySelector('.word')?.textContent)).toEqual([
      'Problem',
      'Note',
      'Fine',
      'Skipped',
    ]);
    expect(within(items[0]!).getByText('connect to [::1]:3000 instead')).toBeInTheDocument();
  });

  test("a finding's fix copies, and its PIDs open the port their holder listens on", async () => {
    const user = userEvent.setup();
    const { store } = setup(FAMILY);
    render(Overview, { store, now: NOW });
    await user.type(screen.getByLabelText(/Paste an error/), '3000');
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    await user.click(screen.getByRole('button', { name: 'Copy command' }));
    expect(await navigator.clipboard.readText()).toBe('connect to [::1]:3000 instead');
    await user.click(screen.getByRole('button', { name: /Open port 3000 \(PID 4121\)/ }));
    expect(store.view).toBe('port');
    expect(store.selectedPort).toBe(3000);
  });

  test('a problem offers to stop its process after the usual confirmation, then explains again', async () => {
    const user = userEvent.setup();
    const { api, store } = setup(IN_USE);
    api.inspectProcess.mockResolvedValue({
      pid: 777,
      process: 'node',
      command: 'node vite.js',
      user: 'dev',
      startToken: 'start-777',
      killable: true,
      reason: null,
    });
    api.killProcess.mockResolvedValue({
      ok: true,
      signal: 'SIGTERM',
      message: 'node (PID 777) stopped.',
    });
    render(Overview, { store, now: NOW });
    await user.type(screen.getByLabelText(/Paste an error/), IN_USE.input);
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    // Named as the window's rows name the holder (the listener the window sees for PID 777).
    await user.click(screen.getByRole('button', { name: 'Stop node (PID 777)…' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('node vite.js');
    expect(api.killProcess).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Stop node' }));
    await settle();
    expect(api.killProcess).toHaveBeenCalledExactlyOnceWith(777, 'start-777', false);
    await user.click(within(dialog).getByRole('button', { name: /Close|Cancel/ }));
    await settle();
    expect(
      screen.getByText('node (PID 777) stopped.', { selector: '.stopped' }),
    ).toBeInTheDocument();
    // The answer is out of date after a stop: the same text is explained again.
    expect(api.explain).toHaveBeenCalledTimes(2);
    expect(api.explain).toHaveBeenLastCalledWith(IN_USE.input);
  });

  test("a container's port offers to stop the container, not its forwarder process", async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    api.explain.mockResolvedValue({
      ...IN_USE,
      target: { host: '127.0.0.1', port: 15432, protocol: 'tcp' },
      verdict: 'postgres (container db) already holds port 15432.',
      findings: [{ ...IN_USE.findings[0]!, pids: [812], fix: 'docker stop db' }],
    });
    const store = makeStore(api, { snapshot: containerSnapshot([dbForwarder()], NOW) });
    render(Overview, { store, now: NOW });
    await user.type(
      screen.getByLabelText(/Paste an error/),
      'bind: address already in use 127.0.0.1:15432',
    );
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    expect(screen.queryByRole('button', { name: /Stop docker-proxy/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Stop container db…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop container db?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop container db' }));
    expect(api.stopContainer).toHaveBeenCalledWith('docker', DB.id);
    expect(api.killProcess).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await settle();
    expect(screen.getByText('container stopped', { selector: '.stopped' })).toBeInTheDocument();
    expect(api.explain).toHaveBeenCalledTimes(2);
  });

  test('no stop is offered where the window may not kill, nor for findings that are not problems', async () => {
    const user = userEvent.setup();
    const { api } = setup(FAMILY);
    const store = makeStore(api, {
      snapshot: containerSnapshot(
        [listener({ localAddress: '::1', localPort: 3000, pid: 4121, inode: 1 })],
        NOW,
      ),
      capabilities: { kill: false, platform: 'linux', transport: 'http' },
    });
    render(Overview, { store, now: NOW });
    await user.type(screen.getByLabelText(/Paste an error/), FAMILY.input);
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    expect(screen.queryByRole('button', { name: /^Stop / })).toBeNull();
    // The open link stays: looking is always allowed.
    expect(screen.getByRole('button', { name: /Open port 3000/ })).toBeInTheDocument();
  });

  test('"Open port" shows once per port page, naming the PIDs of every finding that leads there', async () => {
    const user = userEvent.setup();
    const about = (check: string, pids: number[]) => ({
      check,
      status: 'info' as const,
      message: `${check} is about ${pids.join(', ')}`,
      fix: null,
      pids,
    });
    const { store } = setup({
      ...FAMILY,
      findings: [
        ...FAMILY.findings,
        about('listening', [4121]),
        // 4123 listens nowhere the window knows; with 4121 it leads to 3000's page all the same.
        about('holder', [4121, 4123]),
        about('known-service', [777]),
        about('container', [777]),
      ],
    });
    render(Overview, { store, now: NOW });
    await user.type(screen.getByLabelText(/Paste an error/), FAMILY.input);
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    const links = screen.getAllByRole('button', { name: /^Open port/ });
    expect(links.map((b) => b.textContent?.trim())).toEqual([
      'Open port 3000 (PID 4121, 4123)',
      'Open port 8080 (PID 777)',
    ]);
    // The link sits on the first finding that leads there: the family problem.
    const first = within(screen.getByRole('list', { name: 'Findings' })).getAllByRole(
      'listitem',
    )[0]!;
    expect(within(first).getByRole('button', { name: /Open port 3000/ })).toBe(links[0]);
  });

  test("the service's refusal is shown as the error, and empty text never reaches it", async () => {
    const user = userEvent.setup();
    const { api, store } = setup(FAMILY);
    api.explain.mockRejectedValueOnce(new Error('no port found in "it broke"'));
    render(Overview, { store, now: NOW });
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    expect(screen.getByRole('alert')).toHaveTextContent(/Paste an error message/);
    expect(api.explain).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText(/Paste an error/), 'it broke');
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('no port found in "it broke"');
    expect(screen.queryByRole('list', { name: 'Findings' })).toBeNull();
  });

  test('a paste longer than the window sends is cut to its start, and the panel says so', async () => {
    const user = userEvent.setup();
    const { api, store } = setup(FAMILY);
    render(Overview, { store, now: NOW });
    const long = `${FAMILY.input}\n${'at frame (x.js:1:1)\n'.repeat(1_000)}`;
    const box = screen.getByLabelText<HTMLTextAreaElement>(/Paste an error/);
    await user.click(box);
    await user.paste(long);
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    const sent = api.explain.mock.calls[0]![0];
    expect(sent.length).toBe(16_000);
    expect(long.startsWith(sent)).toBe(true);
    expect(screen.getByText(/Only the first 16,000 characters were read/)).toBeInTheDocument();
  });

  test("on a port's page the port is prefilled; a bind error offers free ports to copy and its holder's page", async () => {
    const user = userEvent.setup();
    VIEWPORT.width = 420;
    const { api, store } = setup(IN_USE);
    api.freePorts.mockResolvedValue([5174, 5175, 5176]);
    api.whoIsOn.mockResolvedValue({ port: 5173, sockets: [], conflicts: [], answers: [] });
    api.queryHistory.mockResolvedValue([]);
    render(PortDetail, { store, api, port: 5173 });
    await settle();
    const box = screen.getByLabelText<HTMLTextAreaElement>(/Paste an error/);
    expect(box.value).toBe('5173');
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    expect(api.explain).toHaveBeenCalledWith('5173');
    const panel = screen.getByRole('region', { name: 'Explain' });
    await user.click(within(panel).getByRole('button', { name: 'Suggest a free port near 5173' }));
    await settle();
    expect(api.freePorts).toHaveBeenCalledWith(5173, 3);
    await user.click(within(panel).getByRole('button', { name: 'Copy 5174' }));
    expect(await navigator.clipboard.readText()).toBe('5174');
    // PID 777 does not hold 5173 in the window's list but listens on 8080: that is its page.
    await user.click(screen.getByRole('button', { name: /Open port 8080 \(PID 777\)/ }));
    expect(store.selectedPort).toBe(8080);
  });

  test("on the holder's own port page there is no link back to that page", async () => {
    const user = userEvent.setup();
    const { store, api } = setup(FAMILY);
    render(PortDetail, { store, api, port: 3000 });
    await settle();
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await settle();
    expect(screen.getByRole('list', { name: 'Findings' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Open port 3000/ })).toBeNull();
  });
});
