// An acknowledged exposure can be shown again from its badge in the Listeners table.
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, test } from 'vitest';
import { exposureKey } from '../../../src-main/domain/exposure.js';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import Listeners from '../../../src-renderer/views/Listeners.svelte';
import { fakeApi, listener, makeState, NOW } from '../fakes.js';

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await Promise.resolve();
    await tick();
  }
}

describe('"Show again" on an acknowledged exposure', () => {
  test('takes the acknowledgement back through the API, and the badge is a warning again', async () => {
    const exposed = listener({
      localPort: 5432,
      localAddress: '0.0.0.0',
      exposure: 'all-interfaces',
      inode: 2,
    });
    const key = exposureKey(exposed);
    const api = fakeApi();
    const store = new PortholeStore(api, () => NOW);
    store.handle({
      type: 'state',
      state: makeState({
        snapshot: {
          takenAt: NOW,
          sockets: [exposed],
          unattributed: 0,
          source: 'proc',
          warnings: [],
        },
        acknowledgedExposures: [key],
      }),
    });
    render(Listeners, { store });
    await settle();

    const row = screen.getAllByRole('row').find((r) => r.hasAttribute('data-index'))!;
    expect(within(row).getByTitle(/\(acknowledged\)/)).toBeInTheDocument();
    const again = within(row).getByRole('button', {
      name: `Show the exposure warning again for ${key}`,
    });
    await userEvent.setup().click(again);

    expect(api.unacknowledgeExposure).toHaveBeenCalledWith(key);
    await settle();
    expect(store.acknowledgedExposures).toEqual([]);
    expect(within(row).queryByTitle(/\(acknowledged\)/)).toBeNull();
    expect(within(row).queryByRole('button', { name: /Show the exposure warning/ })).toBeNull();
    // The press was the button's: the row did not open the port page.
    expect(store.selectedPort).toBeNull();
  });

  test('a listener never acknowledged offers no "Show again"', async () => {
    const store = new PortholeStore(fakeApi(), () => NOW);
    const exposed = listener({
      localPort: 5432,
      localAddress: '0.0.0.0',
      exposure: 'all-interfaces',
    });
    store.handle({
      type: 'state',
      state: makeState({
        snapshot: {
          takenAt: NOW,
          sockets: [exposed],
          unattributed: 0,
          source: 'proc',
          warnings: [],
        },
      }),
    });
    render(Listeners, { store });
    await settle();
    expect(screen.queryByRole('button', { name: /Show the exposure warning/ })).toBeNull();
  });
});
