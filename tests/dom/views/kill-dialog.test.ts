// KillDialog: names what it will stop, sends nothing on Cancel, sends the start token and force flag on confirm.
import { render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import type { ProcessIdentity } from '../../../src-main/shared/contract.js';
import KillDialog from '../../../src-renderer/components/KillDialog.svelte';
import { fakeApi } from './fakes.js';

const identity: ProcessIdentity = {
  pid: 4121,
  process: 'node',
  command: 'node /home/dev/app/server.js --port 3000 --inspect',
  user: 'dev',
  startToken: 'start-123456',
  killable: true,
  reason: null,
};

function setup(found: ProcessIdentity = identity) {
  const api = fakeApi();
  api.inspectProcess.mockResolvedValue(found);
  const onclose = vi.fn();
  render(KillDialog, { props: { api, pid: found.pid, onclose } });
  return { api, onclose, user: userEvent.setup() };
}

describe('KillDialog', () => {
  test('is a modal dialog that names process, PID, user and the full command, and says SIGTERM', async () => {
    const { api } = setup();
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(await screen.findByText(identity.command!)).toBeInTheDocument();
    expect(api.inspectProcess).toHaveBeenCalledWith(4121);
    expect(dialog).toHaveAccessibleName('Stop node?');
    expect(dialog).toHaveTextContent('4121');
    expect(dialog).toHaveTextContent('dev');
    expect(dialog).toHaveTextContent('SIGTERM');
    expect(screen.getByRole('checkbox', { name: 'Force (SIGKILL after 3 s)' })).not.toBeChecked();
  });

  test('starts on Cancel; Cancel and Escape close without killing', async () => {
    const { api, onclose, user } = setup();
    await screen.findByText(identity.command!);
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onclose).toHaveBeenCalledWith(null);
    await user.keyboard('{Escape}');
    expect(onclose).toHaveBeenCalledTimes(2);
    expect(api.killProcess).not.toHaveBeenCalled();
  });

  test('Tab stays inside the dialog', async () => {
    const { user } = setup();
    await screen.findByText(identity.command!);
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const force = screen.getByRole('checkbox');
    const stop = screen.getByRole('button', { name: 'Stop node' });
    await user.tab();
    expect(stop).toHaveFocus();
    await user.tab();
    expect(force).toHaveFocus();
    await user.tab({ shift: true });
    expect(stop).toHaveFocus();
    await user.tab({ shift: true });
    expect(cancel).toHaveFocus();
    await user.tab({ shift: true });
    expect(force).toHaveFocus();
  });

  test('confirm sends the start token; Force adds the flag; the result is shown', async () => {
    const { api, onclose, user } = setup();
    api.killProcess.mockResolvedValue({
      ok: true,
      signal: 'SIGKILL',
      message: 'node (PID 4121) stopped',
    });
    await screen.findByText(identity.command!);
    await user.click(screen.getByRole('checkbox', { name: 'Force (SIGKILL after 3 s)' }));
    await user.click(screen.getByRole('button', { name: 'Stop node' }));
    expect(api.killProcess).toHaveBeenCalledWith(4121, 'start-123456', true);
    expect(await screen.findByRole('status')).toHaveTextContent('node (PID 4121) stopped');
    expect(screen.queryByRole('button', { name: 'Stop node' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onclose).toHaveBeenCalledWith(expect.objectContaining({ ok: true }));
  });

  test('without Force it asks for SIGTERM only, and a refusal is shown as an alert', async () => {
    const { api, user } = setup();
    api.killProcess.mockResolvedValue({
      ok: false,
      signal: null,
      message: 'permission denied: run as root',
    });
    await screen.findByText(identity.command!);
    await user.click(screen.getByRole('button', { name: 'Stop node' }));
    expect(api.killProcess).toHaveBeenCalledWith(4121, 'start-123456', false);
    expect(await screen.findByRole('alert')).toHaveTextContent('permission denied: run as root');
  });

  test('a non-killable process is explained and cannot be stopped', async () => {
    const { api } = setup({
      ...identity,
      pid: 1,
      process: 'systemd',
      killable: false,
      reason: 'PID 1 keeps the system running',
      startToken: null,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Porthole will not stop this process: PID 1 keeps the system running',
    );
    expect(screen.queryByRole('button', { name: /^Stop/ })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(api.killProcess).not.toHaveBeenCalled();
  });

  test('a failed lookup says so and offers nothing to confirm', async () => {
    const api = fakeApi();
    api.inspectProcess.mockRejectedValue(new Error('no such process'));
    render(KillDialog, { props: { api, pid: 999, onclose: vi.fn() } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not look up PID 999: no such process',
    );
    expect(screen.queryByRole('button', { name: /^Stop/ })).toBeNull();
  });
});
