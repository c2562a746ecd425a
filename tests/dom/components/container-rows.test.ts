// Container rows in the socket tables: the badge (forwarder secondary), "published by", the filter terms, the ⋯ menu's container stop, at desktop and tray width.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import type { PortSocket } from '../../../src-main/domain/index.js';
import type { Capabilities } from '../../../src-main/shared/contract.js';
import type { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import Connections from '../../../src-renderer/views/Connections.svelte';
import Listeners from '../../../src-renderer/views/Listeners.svelte';
import { DB, containerSnapshot, dbForwarder, webPublished } from '../container-fakes.js';
import { connection, listener } from '../fakes.js';
import { fakeApi, makeStore, NOW, type FakeApi } from '../views/fakes.js';
import { VIEWPORT } from '../setup.js';

const plain = listener({ localPort: 3000, inode: 1 });

function setup(
  sockets: PortSocket[] = [plain, dbForwarder(), webPublished()],
  capabilities: Capabilities = { kill: true, platform: 'linux', transport: 'ipc' },
): { store: PortholeStore; api: FakeApi } {
  const api = fakeApi();
  const store = makeStore(api, { snapshot: containerSnapshot(sockets, NOW), capabilities });
  return { store, api };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    await Promise.resolve();
    await tick();
  }
}

function rowOf(port: number): HTMLElement {
  const row = screen
    .getAllByRole('row')
    .find((r) => r.hasAttribute('data-index') && r.textContent.includes(String(port)));
  if (!row) throw new Error(`no row for port ${port}`);
  return row;
}

function ports(): number[] {
  return screen
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('data-index'))
    .map((r) => Number(within(r).getAllByRole('gridcell')[0]!.textContent.trim().split(/\D/)[0]));
}

function items(): string[] {
  return within(screen.getByRole('menu'))
    .getAllByRole('menuitem')
    .map((i) => i.getAttribute('aria-label') ?? i.firstChild?.textContent?.trim() ?? '');
}

afterEach(() => {
  VIEWPORT.width = 1024;
});

describe('container rows', () => {
  test('a forwarder row names the container (image and compose in its tooltip), the forwarder after it', async () => {
    render(Listeners, { store: setup().store });
    await settle();
    const row = rowOf(15432);
    const badge = within(row).getByTitle(
      'postgres (container db) · image postgres:16 · compose shop / db',
    );
    expect(badge).toHaveTextContent('container db');
    expect(
      within(row).getByTitle('docker-proxy (PID 812) forwards 127.0.0.1:15432 to 172.17.0.2:5432'),
    ).toHaveTextContent('docker-proxy');
    // The plain row has no badge.
    expect(within(rowOf(3000)).queryByText('container')).not.toBeInTheDocument();
  });

  test('a port the engine publishes by NAT reads "published by container web", not an unknown owner', async () => {
    render(Listeners, { store: setup().store });
    await settle();
    const row = rowOf(18080);
    expect(row).toHaveTextContent(/published by\s*▣?\s*container\s*web/);
    expect(within(row).queryByTitle(/unknown process/i)).not.toBeInTheDocument();
  });

  test('at tray width the two-line row shows the badge, then the forwarder', async () => {
    VIEWPORT.width = 420;
    render(Listeners, { store: setup().store });
    await settle();
    const row = rowOf(15432);
    expect(row).toHaveClass('compact');
    const line1 = row.querySelector('.line1')!;
    expect(line1).toHaveTextContent(/15432 · ▣container db via docker-proxy · tcp/);
    expect(rowOf(18080).querySelector('.line1')).toHaveTextContent(
      /published by\s*▣?\s*container\s*web/,
    );
  });

  test('a connection the forwarder holds carries the badge too', async () => {
    const held = connection({
      localPort: 15432,
      remotePort: 51234,
      pid: 812,
      process: 'docker-proxy',
      container: DB,
      inode: 7,
    });
    render(Connections, { store: setup([held]).store });
    await settle();
    expect(within(rowOf(15432)).getByTitle(/^postgres \(container db\)/)).toBeInTheDocument();
  });
});

describe('container filter', () => {
  test('container:, image:, the containers keyword and a bare image name; the hint says the syntax', async () => {
    const user = userEvent.setup();
    render(Listeners, { store: setup().store });
    await settle();
    const box = screen.getByRole('searchbox', { name: 'Filter' });
    expect(box).toHaveAttribute('placeholder', expect.stringContaining('container:web'));
    expect(box).toHaveAccessibleDescription(/container:NAME and image:NAME/);
    expect(ports()).toEqual([3000, 15432, 18080]);

    await user.type(box, 'container:db');
    await waitFor(() => expect(ports()).toEqual([15432]));
    await user.clear(box);
    await user.type(box, 'image:nginx');
    await waitFor(() => expect(ports()).toEqual([18080]));
    await user.clear(box);
    await user.type(box, 'containers');
    await waitFor(() => expect(ports()).toEqual([15432, 18080]));
    await user.clear(box);
    await user.type(box, '-containers');
    await waitFor(() => expect(ports()).toEqual([3000]));
    await user.clear(box);
    await user.type(box, 'postgres');
    await waitFor(() => expect(ports()).toEqual([15432]));
  });
});

describe('container actions', () => {
  test('the menu copies the engine’s stop command and stops the container, never the forwarder', async () => {
    const user = userEvent.setup();
    const { store, api } = setup();
    render(Listeners, { store });
    await settle();
    await user.click(screen.getByRole('button', { name: 'Actions for 127.0.0.1:15432' }));
    expect(items()).toEqual([
      'Open http://localhost:15432',
      'Go to port 15432',
      'Copy address',
      'Copy PID',
      'Copy stop command',
      'Stop container db…',
    ]);
    await user.click(screen.getByRole('menuitem', { name: 'Copy stop command' }));
    expect(await screen.findByText('Copied “docker stop db”')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Actions for 127.0.0.1:15432' }));
    await user.click(screen.getByRole('menuitem', { name: 'Stop container db…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop container db?' });
    expect(dialog).toHaveTextContent('postgres:16');
    expect(dialog).toHaveTextContent('shop / db');
    expect(dialog).toHaveTextContent(
      'docker-proxy (PID 812) forwards port 15432 for container db (postgres); stopping it would leave the container running',
    );
    expect(api.inspectProcess).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Stop container db' }));
    expect(api.stopContainer).toHaveBeenCalledWith('docker', DB.id);
    expect(await within(dialog).findByText('container stopped')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('container stopped')).toBeInTheDocument();
    expect(api.killProcess).not.toHaveBeenCalled();
  });

  test('Cancel sends nothing; an engine that refuses says why in the dialog', async () => {
    const user = userEvent.setup();
    const { store, api } = setup();
    api.stopContainer.mockRejectedValueOnce(new Error('the engine docker did not answer in 10 s'));
    render(Listeners, { store });
    await settle();
    const open = async () => {
      await user.click(screen.getByRole('button', { name: 'Actions for 127.0.0.1:15432' }));
      await user.click(screen.getByRole('menuitem', { name: 'Stop container db…' }));
      return screen.findByRole('dialog');
    };
    await user.click(within(await open()).getByRole('button', { name: 'Cancel' }));
    expect(api.stopContainer).not.toHaveBeenCalled();
    const dialog = await open();
    await user.click(within(dialog).getByRole('button', { name: 'Stop container db' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('did not answer in 10 s');
  });

  test('browser mode without --allow-kill: the container’s stop is shown disabled, saying why', async () => {
    const user = userEvent.setup();
    const { store, api } = setup(undefined, { kill: false, platform: 'linux', transport: 'http' });
    render(Listeners, { store });
    await settle();
    await user.click(screen.getByRole('button', { name: 'Actions for 0.0.0.0:18080' }));
    const stop = screen.getByRole('menuitem', { name: 'Stop container web…' });
    expect(stop).toHaveAttribute('aria-disabled', 'true');
    expect(stop).toHaveAccessibleDescription(
      'stopping containers is off in browser mode; restart with `porthole serve --allow-kill` to allow it',
    );
    await user.click(stop);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.stopContainer).not.toHaveBeenCalled();
    // Podman's command for a podman container, and no kill of a process that does not exist.
    expect(items()).toContain('Copy stop command');
    await user.click(screen.getByRole('menuitem', { name: 'Copy stop command' }));
    expect(await screen.findByText('Copied “podman stop web”')).toBeInTheDocument();
  });
});
