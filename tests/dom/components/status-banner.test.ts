// StatusBanner: degraded collector with its retry countdown, unattributed sockets, warnings, disconnected.
import { render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import StatusBanner from '../../../src-renderer/components/StatusBanner.svelte';
import { NOW } from '../fakes.js';

function props(over: Record<string, unknown> = {}) {
  return {
    disconnected: false,
    loadError: null,
    status: { state: 'ok' as const, reason: null, since: NOW, retryInMs: null, source: 'proc' },
    statusAt: NOW,
    now: NOW,
    unattributed: 0,
    settingsWarnings: [],
    warnings: [],
    dismissed: [],
    onDismiss: vi.fn(),
    ...over,
  };
}

describe('StatusBanner', () => {
  test('nothing to say, nothing shown', () => {
    render(StatusBanner, props());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('status').textContent?.trim()).toBe('');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  test('a degraded collector shows the reason and counts down to the retry', async () => {
    const status = {
      state: 'degraded' as const,
      reason: 'netstat exited with code 1',
      since: NOW - 60_000,
      retryInMs: 8000,
      source: 'systeminformation',
    };
    const { rerender } = render(StatusBanner, props({ status, statusAt: NOW, now: NOW + 3000 }));
    expect(screen.getByRole('status')).toHaveTextContent(
      'Port list may be stale: netstat exited with code 1. Retrying in 5 s.',
    );
    await rerender(props({ status, statusAt: NOW, now: NOW + 9000 }));
    expect(screen.getByRole('status')).toHaveTextContent('Retrying now.');
  });

  test('unattributed sockets say only what is known, and can be dismissed', async () => {
    const user = userEvent.setup();
    const onDismiss = vi.fn();
    render(StatusBanner, props({ unattributed: 12, onDismiss }));
    // Not "other users' processes": as root, such a socket belongs to another network namespace.
    expect(screen.getByRole('status')).toHaveTextContent(
      '12 sockets could not be attributed to a process (another user’s, or another network ' +
        'namespace’s); run Porthole with more privileges to see more.',
    );
    expect(screen.queryByText(/belongs? to other users/)).not.toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Dismiss notice about unattributed sockets' }),
    );
    expect(onDismiss).toHaveBeenCalledWith('unattributed-sockets');
  });

  test('one unattributed socket reads in the singular', () => {
    render(StatusBanner, props({ unattributed: 1 }));
    expect(screen.getByRole('status')).toHaveTextContent(
      /^1 socket could not be attributed to a process \(another user’s, or another network namespace’s\); run Porthole with more privileges to see more\.\s*Dismiss$/,
    );
  });

  test('a dismissed unattributed notice stays closed', () => {
    render(StatusBanner, props({ unattributed: 3, dismissed: ['unattributed-sockets'] }));
    expect(screen.queryByText(/could not be attributed/)).not.toBeInTheDocument();
  });

  test('settings warnings are shown and dismissable one by one', async () => {
    const user = userEvent.setup();
    const onDismiss = vi.fn();
    const warning = 'settings.json was not valid JSON; moved it to settings.json.bad';
    render(
      StatusBanner,
      props({ settingsWarnings: [warning, 'theme reset to system'], onDismiss }),
    );
    expect(screen.getByText(warning)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: `Dismiss settings warning: ${warning}` }));
    expect(onDismiss).toHaveBeenCalledWith(warning);
  });

  test('a lost server is an alert; a failed load offers Retry', async () => {
    const user = userEvent.setup();
    const { rerender } = render(StatusBanner, props({ disconnected: true }));
    expect(screen.getByRole('alert')).toHaveTextContent('Disconnected from Porthole');

    const onRetry = vi.fn();
    await rerender(props({ loadError: 'backend not ready', onRetry }));
    expect(screen.getByRole('alert')).toHaveTextContent('backend not ready');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalled();
  });
});
