// StatusBanner: degraded collector with its retry countdown, unattributed sockets, warnings, disconnected.
import { render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { noUnattributed } from '../../../src-main/domain/index.js';
import StatusBanner from '../../../src-renderer/components/StatusBanner.svelte';
import { NOW } from '../fakes.js';

function props(over: Record<string, unknown> = {}) {
  return {
    disconnected: false,
    loadError: null,
    status: { state: 'ok' as const, reason: null, since: NOW, retryInMs: null, source: 'proc' },
    statusAt: NOW,
    now: NOW,
    unattributedByCause: noUnattributed(),
    settingsWarnings: [],
    warnings: [],
    onDismiss: vi.fn(),
    ...over,
  };
}

beforeEach(() => localStorage.clear());

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

  test('unattributed sockets show one line per cause (the notice itself: unattributed-notice.test.ts)', () => {
    render(
      StatusBanner,
      props({ unattributedByCause: { ...noUnattributed(), kernel: 2, 'other-user': 1 } }),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      '1 socket of other users’ processes: run with sudo to see them',
    );
    expect(screen.getByRole('status')).toHaveTextContent('2 sockets with no process to name');
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
