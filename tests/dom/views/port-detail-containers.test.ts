// The port page of a container's port: container, image, compose, the port inside, the engine, "forwards to", and stopping the container instead of its forwarder.
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import type { PortSocket } from '../../../src-main/domain/index.js';
import type { Capabilities, WhoResult } from '../../../src-main/shared/contract.js';
import PortDetail from '../../../src-renderer/views/PortDetail.svelte';
import { DB, containerSnapshot, dbForwarder, webPublished } from '../container-fakes.js';
import { NOW, answer, fakeApi, makeStore, socket } from './fakes.js';

function setup(
  sockets: PortSocket[],
  capabilities: Capabilities = { kill: true, platform: 'linux', transport: 'ipc' },
) {
  const port = sockets[0]!.localPort;
  const who: WhoResult = {
    port,
    sockets,
    conflicts: [],
    answers: [answer({ pid: sockets[0]!.pid })],
  };
  const api = fakeApi();
  api.whoIsOn.mockResolvedValue(who);
  const store = makeStore(api, { snapshot: containerSnapshot(sockets, NOW), capabilities });
  render(PortDetail, { props: { store, api, port } });
  return { api, user: userEvent.setup() };
}

describe('PortDetail with a container', () => {
  test('shows the container, image, compose project and service, the port inside, the engine and where the forwarder sends', async () => {
    setup([dbForwarder(), dbForwarder({ family: 6, localAddress: '::1', inode: 9002 })]);
    const facts = await screen.findByRole('group', { name: /container db/ });
    const value = (term: string) => within(facts).getByText(term).nextElementSibling;
    expect(value('Image')).toHaveTextContent('postgres:16');
    expect(value('Compose project')).toHaveTextContent('shop');
    expect(value('Compose service')).toHaveTextContent('db');
    expect(value('Port inside')).toHaveTextContent('5432/tcp');
    expect(value('Engine')).toHaveTextContent('docker (unix:///var/run/docker.sock)');
    expect(value('Held by')).toHaveTextContent(
      'docker-proxy (PID 812) forwards 127.0.0.1:15432 to 172.17.0.2:5432',
    );
    expect(value('Held by')).toHaveTextContent(
      'docker-proxy (PID 812) forwards [::1]:15432 to 172.17.0.2:5432',
    );
    expect(facts).toHaveTextContent(
      'docker-proxy (PID 812) forwards port 15432 for container db (postgres); stopping it would leave the container running — stop the container instead.',
    );
    // The owners table names the container too.
    const table = screen.getByRole('table', { name: 'Sockets on port 15432' });
    expect(within(table).getAllByTitle(/^postgres \(container db\)/)).toHaveLength(2);
  });

  test('offers to stop the container, not the forwarder process; the confirmation names container and image', async () => {
    const { api, user } = setup([dbForwarder()]);
    await screen.findByRole('group', { name: /container db/ });
    expect(screen.queryByRole('button', { name: /Stop docker-proxy/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Stop container db…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop container db?' });
    expect(dialog).toHaveTextContent('postgres:16');
    await user.click(within(dialog).getByRole('button', { name: 'Stop container db' }));
    expect(api.stopContainer).toHaveBeenCalledWith('docker', DB.id);
    expect(api.killProcess).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByText('container stopped')).toBeInTheDocument();
  });

  test('a plain process beside the container keeps its own stop button', async () => {
    setup([dbForwarder(), socket({ localPort: 15432, family: 6, localAddress: '::1' })]);
    expect(
      await screen.findByRole('button', { name: 'Stop node (PID 4121)…' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Stop container db…' })).toBeInTheDocument();
  });

  test('a port published by the engine’s NAT says so; browser mode without --allow-kill disables the stop, saying why', async () => {
    const { api, user } = setup([webPublished()], {
      kill: false,
      platform: 'linux',
      transport: 'http',
    });
    const facts = await screen.findByRole('group', { name: /container web/ });
    expect(facts).toHaveTextContent(
      "container web (docker.io/library/nginx:1.25) publishes 0.0.0.0:18080 → 80/tcp, through the engine's NAT rules (no process holds it)",
    );
    // Not listed among the engines: the page names it by its ID.
    expect(within(facts).getByText('Engine').nextElementSibling).toHaveTextContent('podman');
    const stop = within(facts).getByRole('button', { name: 'Stop container web…' });
    expect(stop).toBeDisabled();
    expect(stop).toHaveAccessibleDescription(
      'stopping containers is off in browser mode; restart with `porthole serve --allow-kill` to allow it',
    );
    await user.click(stop);
    expect(api.stopContainer).not.toHaveBeenCalled();
    expect(facts).not.toHaveTextContent(/only forwards/);
  });
});
