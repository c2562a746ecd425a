// A restarted `serve` refuses the old tab's token: the window says to open the new address, not "Reconnecting…".
import { render, screen } from '@testing-library/svelte';
import { describe, expect, test, vi } from 'vitest';
import { noUnattributed } from '../../../src-main/domain/index.js';
import StatusBanner from '../../../src-renderer/components/StatusBanner.svelte';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import { fakeApi, makeState, NOW } from '../fakes.js';

const props = {
  disconnected: true,
  loadError: null,
  status: null,
  statusAt: null,
  now: NOW,
  unattributedByCause: noUnattributed(),
  settingsWarnings: [],
  warnings: [],
  onDismiss: vi.fn(),
};

describe('a refused token', () => {
  test('the banner names the restart and the new address instead of reconnecting', () => {
    render(StatusBanner, { ...props, tokenRefused: true });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'Porthole’s server restarted with a new token: open the address it printed.',
    );
    expect(alert).not.toHaveTextContent('Reconnecting');
  });

  test('the store learns it from the transport', async () => {
    let refuse: () => void = () => {};
    const store = new PortholeStore(fakeApi(makeState()), () => NOW, {
      onConnectionChange: (listener) => (listener(false), () => {}),
      onTokenRefused: (listener) => ((refuse = listener), () => {}),
    });
    await store.start();
    expect(store.tokenRefused).toBe(false);
    refuse();
    expect(store.tokenRefused).toBe(true);
    store.stop();
  });
});
