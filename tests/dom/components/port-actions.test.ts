// A row's "⋯" actions: the items each socket gets, keyboard use, and what copying and opening report.
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import type { PortSocket } from '../../../src-main/domain/index.js';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import Connections from '../../../src-renderer/views/Connections.svelte';
import Listeners from '../../../src-renderer/views/Listeners.svelte';
import { connection, fakeApi, listener, makeState, NOW, type FakeApi } from '../fakes.js';

function setup(sockets: PortSocket[], kill = true): { store: PortholeStore; api: FakeApi } {
  const api = fakeApi();
  const store = new PortholeStore(api, () => NOW);
  store.handle({
    type: 'state',
    state: makeState({
      snapshot: { takenAt: NOW, sockets, unattributed: 0, source: 'proc', warnings: [] },
      capabilities: { kill, platform: 'linux', transport: 'ipc' },
    }),
  });
  return { store, api };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    await Promise.resolve();
    await tick();
  }
}

function items(): string[] {
  return within(screen.getByRole('menu'))
    .getAllByRole('menuitem')
    .map((i) => i.textContent.trim());
}

describe('row actions', () => {
  test('a TCP listener offers open, go to, copies and stop; each in order', async () => {
    const user = userEvent.setup();
    const { store } = setup([listener({ localPort: 3000, inode: 1 })]);
    render(Listeners, { store });
    await settle();
    const button = screen.getByRole('button', { name: 'Actions for 127.0.0.1:3000' });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(items()).toEqual([
      'Open http://localhost:3000',
      'Go to port 3000',
      'Copy address',
      'Copy PID',
      'Copy stop command',
      'Stop process…',
    ]);
    // Opening the menu did not open the row.
    expect(store.view).toBe('overview');
    // A press elsewhere closes it.
    await user.click(screen.getByRole('heading', { name: 'Listeners' }));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  test('the keyboard opens, walks and closes the menu; focus comes back to the button', async () => {
    const user = userEvent.setup();
    const { store } = setup([listener({ localPort: 3000, inode: 1 })]);
    render(Listeners, { store });
    await settle();
    const row = screen.getAllByRole('row').find((r) => r.hasAttribute('data-index'))!;
    row.focus();
    await user.keyboard('{Shift>}{F10}{/Shift}');
    await settle();
    const menu = screen.getByRole('menu');
    expect(document.activeElement).toHaveTextContent('Open http://localhost:3000');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveTextContent('Go to port 3000');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toHaveTextContent('Stop process…');
    await user.keyboard('{Escape}');
    expect(menu).not.toBeInTheDocument();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Actions for 127.0.0.1:3000' }),
    );
    // Enter on the button opens the menu, not the port.
    await user.keyboard('{Enter}');
    await settle();
    expect(screen.getByRole('menu')).toBeInTheDocument();
    expect(store.view).toBe('overview');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(store.view).toBe('port');
    expect(store.selectedPort).toBe(3000);
  });

  test('Copy PID and Copy stop command put them on the clipboard and say so', async () => {
    const user = userEvent.setup();
    const { store } = setup([listener({ localPort: 3000, pid: 4121, inode: 1 })]);
    render(Listeners, { store });
    await settle();
    const button = screen.getByRole('button', { name: 'Actions for 127.0.0.1:3000' });
    await user.click(button);
    await user.click(screen.getByRole('menuitem', { name: 'Copy PID' }));
    expect(await navigator.clipboard.readText()).toBe('4121');
    expect(await screen.findByText('Copied PID 4121')).toBeInTheDocument();
    expect(document.activeElement).toBe(button);

    await user.click(button);
    await user.click(screen.getByRole('menuitem', { name: 'Copy stop command' }));
    expect(await navigator.clipboard.readText()).toBe('kill 4121');
    await user.click(button);
    await user.click(screen.getByRole('menuitem', { name: 'Copy address' }));
    expect(await navigator.clipboard.readText()).toBe('127.0.0.1:3000');
    expect(await screen.findByText('Copied address 127.0.0.1:3000')).toBeInTheDocument();
  });

  test('a refused clipboard says the text is selected instead', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    const { store } = setup([listener({ localPort: 3000, pid: 4121, inode: 1 })]);
    render(Listeners, { store });
    await settle();
    await user.click(screen.getByRole('button', { name: 'Actions for 127.0.0.1:3000' }));
    await user.click(screen.getByRole('menuitem', { name: 'Copy PID' }));
    expect(await screen.findByText(/Could not copy: PID 4121 is selected/)).toBeInTheDocument();
    expect(window.getSelection()?.toString()).toBe('4121');
  });

  test('Open hands http://localhost:P to the app', async () => {
    const user = userEvent.setup();
    const { store, api } = setup([listener({ localPort: 5173, inode: 1 })]);
    render(Listeners, { store });
    await settle();
    await user.click(screen.getByRole('button', { name: 'Actions for 127.0.0.1:5173' }));
    await user.click(screen.getByRole('menuitem', { name: 'Open http://localhost:5173' }));
    expect(api.openExternal).toHaveBeenCalledWith('http://localhost:5173');
    expect(await screen.findByText('Opened http://localhost:5173')).toBeInTheDocument();
  });

  test('Stop process… opens the kill dialog, and only where the window may kill', async () => {
    const user = userEvent.setup();
    const { store, api } = setup([listener({ localPort: 3000, pid: 4121, inode: 1 })]);
    render(Listeners, { store });
    await settle();
    await user.click(screen.getByRole('button', { name: 'Actions for 127.0.0.1:3000' }));
    await user.click(screen.getByRole('menuitem', { name: 'Stop process…' }));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(api.inspectProcess).toHaveBeenCalledWith(4121);
  });

  test('no kill capability: no Stop item; UDP, connections and unknown owners get fewer items', async () => {
    const user = userEvent.setup();
    const { store } = setup(
      [
        listener({ protocol: 'udp', state: 'UNCONN', localPort: 53, inode: 1 }),
        listener({ localPort: 8080, pid: null, process: null, inode: 2 }),
        connection({ localPort: 51000, inode: 3 }),
      ],
      false,
    );
    const view = render(Listeners, { store });
    await settle();
    await user.click(screen.getByRole('button', { name: 'Actions for 127.0.0.1:53' }));
    expect(items()).toEqual(['Go to port 53', 'Copy address', 'Copy PID', 'Copy stop command']);
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Actions for 127.0.0.1:8080' }));
    expect(items()).toEqual(['Open http://localhost:8080', 'Go to port 8080', 'Copy address']);
    await user.keyboard('{Escape}');
    view.unmount();

    render(Connections, { store });
    await settle();
    await user.click(
      screen.getByRole('button', { name: 'Actions for 127.0.0.1:51000 → 127.0.0.1:5432' }),
    );
    expect(items()).toEqual(['Go to port 51000', 'Copy address', 'Copy PID', 'Copy stop command']);
  });
});
