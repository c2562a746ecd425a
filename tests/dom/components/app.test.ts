// App shell: navigation landmark and current page, keyboard shortcuts, skip link, theme, disconnected banner.
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, test } from 'vitest';
import App from '../../../src-renderer/App.svelte';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import { conflict, fakeApi, listener, loadedStore, makeState, NOW } from '../fakes.js';
import { watchState, watchView } from '../views/fakes.js';

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

describe('App', () => {
  test('a labelled navigation marks the current view; clicking switches', async () => {
    const user = userEvent.setup();
    const { store } = loadedStore();
    render(App, { store, transport: 'ipc' });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    const overview = within(nav).getByRole('link', { name: /Overview/ });
    expect(overview).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();

    const listeners = within(nav).getByRole('link', { name: /Listeners/ });
    expect(listeners).toHaveTextContent('2');
    await user.click(listeners);
    expect(listeners).toHaveAttribute('aria-current', 'page');
    expect(overview).not.toHaveAttribute('aria-current');
    expect(screen.getByRole('heading', { level: 1, name: 'Listeners' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAccessibleName('Listeners');
  });

  test('nav entries are links to their routes; the menu button toggles the list and Escape closes it', async () => {
    const user = userEvent.setup();
    const { store } = loadedStore();
    render(App, { store, transport: 'ipc' });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).getByRole('link', { name: /Watches/ })).toHaveAttribute('href', '#/watches');

    const menu = within(nav).getByRole('button', { name: /Menu/ });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(menu).toHaveAttribute('aria-controls', 'nav-list');
    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    within(nav)
      .getByRole('link', { name: /Settings/ })
      .focus();
    await user.keyboard('{Escape}');
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(document.activeElement).toBe(menu);

    // Clicking an entry closes the menu too, and goes there.
    await user.click(menu);
    await user.click(within(nav).getByRole('link', { name: /History/ }));
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(store.view).toBe('history');
  });

  test('a port page has a Back button that returns to the view it was opened from', async () => {
    const user = userEvent.setup();
    const { store } = loadedStore();
    render(App, { store, transport: 'ipc' });
    store.show('watches');
    store.openPort(4000);
    await user.click(await screen.findByRole('button', { name: /Back$/ }));
    expect(store.view).toBe('watches');
    expect(screen.getByRole('heading', { level: 1, name: 'Watches' })).toBeInTheDocument();
  });

  test("the Overview badge, the window title and the Overview's problem count agree", async () => {
    const store = new PortholeStore(fakeApi(), () => NOW);
    const exposed = listener({ localAddress: '0.0.0.0', exposure: 'all-interfaces', inode: 1 });
    store.handle({
      type: 'state',
      state: makeState({
        snapshot: {
          takenAt: NOW,
          // Two forked workers on one exposed listener are one problem.
          sockets: [exposed, { ...exposed, pid: 4122, inode: 2 }],
          unattributed: 0,
          source: 'proc',
          warnings: [],
        },
        conflicts: [conflict()],
        watches: [
          watchView({ id: 'a', label: 'Worker' }, watchState({ status: 'down' })),
          watchView(
            { id: 'b', target: { host: null, port: 3001 } },
            watchState({ status: 'down' }),
          ),
        ],
      }),
    });
    render(App, { store, transport: 'ipc' });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).getByRole('link', { name: /Overview/ })).toHaveTextContent(/^Overview\s*4$/);
    expect(screen.getByRole('heading', { name: /Problems/ })).toHaveTextContent('Problems (4)');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.title).toBe('Porthole (4) — Overview');
  });

  test('Alt+number switches views; a skip link leads to the main area', async () => {
    const user = userEvent.setup();
    const { store } = loadedStore();
    render(App, { store, transport: 'ipc' });
    await user.keyboard('{Alt>}3{/Alt}');
    expect(store.view).toBe('connections');
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
  });

  test('opening a port from outside the nav moves focus to the main area and announces it', async () => {
    const { store } = loadedStore();
    render(App, { store, transport: 'ipc' });
    store.handle({ type: 'focus-port', port: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.getByRole('main')).toHaveAccessibleName('Port 3000');
    expect(document.activeElement).toBe(screen.getByRole('main'));
    expect(screen.getByText('Showing Port 3000')).toBeInTheDocument();
  });

  test('the theme preference overrides the OS through data-theme', async () => {
    const { store } = loadedStore();
    render(App, { store, transport: 'ipc' });
    expect(document.documentElement.dataset.theme).toBeUndefined();
    store.theme = 'dark';
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  test('browser mode shows when the server is lost', async () => {
    let report: (up: boolean) => void = () => {};
    const { store } = loadedStore({
      onConnectionChange: (listener) => {
        report = listener;
        listener(true);
        return () => {};
      },
    });
    await store.start();
    render(App, { store, transport: 'http' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    report(false);
    expect(await screen.findByRole('alert')).toHaveTextContent('Disconnected from Porthole');
    expect(screen.getByText('Browser mode · offline')).toBeInTheDocument();
  });
});
