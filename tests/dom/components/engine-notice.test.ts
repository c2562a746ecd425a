// The unavailable-engine notice: a line per unavailable engine, the shared engine note on "why?", dismissed per engine and reason across reloads; the store follows engines on each tick.
import { render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, test } from 'vitest';
import EngineNotice from '../../../src-renderer/components/EngineNotice.svelte';
import { ENGINE_DISMISSALS_KEY } from '../../../src-renderer/lib/engine-dismissals.js';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import { containerSnapshot, DOCKER, PODMAN_DOWN } from '../container-fakes.js';
import { fakeApi, makeState, NOW } from '../fakes.js';

const lines = (): string[] =>
  [...document.querySelectorAll('.engine .line')].map((p) => p.textContent?.trim() ?? '');

beforeEach(() => localStorage.clear());

describe('EngineNotice', () => {
  test('one line per unavailable engine; an available one says nothing', () => {
    render(EngineNotice, { engines: [DOCKER, PODMAN_DOWN] });
    expect(lines()).toEqual(['Container engine podman is unavailable']);
  });

  test('"why?" gives the engine’s note: where Porthole tried, its reason, what the window lacks meanwhile', async () => {
    const user = userEvent.setup();
    render(EngineNotice, { engines: [PODMAN_DOWN] });
    const why = screen.getByRole('button', { name: 'why?' });
    await user.click(why);
    expect(why).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(/^Container engine podman \(unix:/)).toHaveTextContent(
      'Container engine podman (unix:///run/user/1000/podman/podman.sock) is unavailable: connection refused on /run/user/1000/podman/podman.sock: start it with `systemctl --user start podman.socket`; ports of its containers show their forwarding process only.',
    );
  });

  test('a dismissal holds across a remount for that reason, and another reason shows again', async () => {
    const user = userEvent.setup();
    const first = render(EngineNotice, { engines: [PODMAN_DOWN] });
    await user.click(
      screen.getByRole('button', { name: /Dismiss notice: Container engine podman/ }),
    );
    expect(lines()).toEqual([]);
    first.unmount();

    const again = render(EngineNotice, { engines: [PODMAN_DOWN] });
    expect(lines()).toEqual([]);
    await again.rerender({
      engines: [{ ...PODMAN_DOWN, reason: 'the engine did not answer in 2 s' }],
    });
    expect(lines()).toEqual(['Container engine podman is unavailable']);
  });

  test('stored garbage counts as no dismissal', () => {
    localStorage.setItem(ENGINE_DISMISSALS_KEY, '{"podman":1');
    render(EngineNotice, { engines: [PODMAN_DOWN] });
    expect(lines()).toHaveLength(1);
  });
});

describe('the store’s engines', () => {
  test('come with the state, follow each tick’s diff, and keep their array when unchanged', () => {
    const store = new PortholeStore(fakeApi(), () => NOW);
    store.handle({
      type: 'state',
      state: makeState({ snapshot: containerSnapshot([], NOW) }),
    });
    expect(store.engines).toEqual([DOCKER]);
    const before = store.engines;
    const tick = (engines?: (typeof DOCKER)[]) =>
      store.handle({
        type: 'snapshot-diff',
        takenAt: NOW + 1000,
        diff: { added: [], removed: [], changed: [] },
        unattributed: 0,
        warnings: [],
        source: 'proc',
        ...(engines ? { engines } : {}),
      });
    tick([{ ...DOCKER }]);
    expect(store.engines).toBe(before);
    tick();
    expect(store.engines).toBe(before);
    tick([{ ...DOCKER, state: 'unavailable', reason: 'gone' }]);
    expect(store.engines[0]?.state).toBe('unavailable');
  });
});
