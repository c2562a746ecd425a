// Arriving at Explain: the tray's address (#/overview?focus=explain) puts the cursor in the box, and
// a pasted error in a filter box offers its explanation (never for ordinary filters).
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import type { ExplanationView } from '../../../src-main/shared/contract.js';
import App from '../../../src-renderer/App.svelte';
import { Router } from '../../../src-renderer/lib/router.svelte.js';
import Connections from '../../../src-renderer/views/Connections.svelte';
import Listeners from '../../../src-renderer/views/Listeners.svelte';
import { loadedStore } from '../fakes.js';

const REFUSED = 'connect ECONNREFUSED 127.0.0.1:3000';
const ANSWER: ExplanationView = {
  input: REFUSED,
  target: { host: '127.0.0.1', port: 3000, protocol: 'tcp' },
  situation: 'connect-refused',
  verdict: 'Nothing listens on 3000.',
  findings: [
    {
      check: 'listening',
      status: 'problem',
      message: 'Nothing listens on 3000.',
      fix: null,
      pids: [],
    },
  ],
};
const BOX = 'Paste an error, a URL, host:port or a port';

/** Lets jsdom deliver hashchange, and Svelte its effects and their ticks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const routers: Router[] = [];
function arrivedAt(hash: string) {
  window.history.replaceState(null, '', hash);
  const router = new Router(window);
  routers.push(router);
  const loaded = loadedStore({ router });
  loaded.api.explain.mockResolvedValue(ANSWER);
  return loaded;
}

afterEach(() => {
  for (const r of routers.splice(0)) r.dispose();
  window.history.replaceState(null, '', window.location.pathname);
});

describe('the Explain address (the tray\'s "Explain an error…")', () => {
  test('a window opened there has the cursor in the Explain box; the address then drops the request', async () => {
    render(App, { store: arrivedAt('#/overview?focus=explain').store, transport: 'ipc' });
    await settle();
    expect(document.activeElement).toBe(screen.getByLabelText(BOX));
    expect(window.location.hash).toBe('#/overview');
  });

  test('arriving from another view, and again after the cursor left, it lands in the box each time', async () => {
    const user = userEvent.setup();
    const { store } = arrivedAt('#/listeners');
    render(App, { store, transport: 'ipc' });
    await settle();
    expect(screen.getByRole('heading', { level: 1, name: 'Listeners' })).toBeInTheDocument();

    // What MainWindow.show(EXPLAIN_ROUTE) does to a loaded page: a same-document hash change.
    window.location.hash = '#/overview?focus=explain';
    await settle();
    const box = screen.getByLabelText(BOX);
    expect(store.view).toBe('overview');
    expect(document.activeElement).toBe(box);
    expect(window.location.hash).toBe('#/overview');

    await user.click(screen.getByRole('heading', { level: 1, name: 'Overview' }));
    screen.getByRole('main').focus();
    expect(document.activeElement).not.toBe(box);
    window.location.hash = '#/overview?focus=explain';
    await settle();
    expect(document.activeElement).toBe(box);
  });

  test('a plain Overview address does not take the cursor to the box', async () => {
    const { store } = arrivedAt('#/listeners');
    render(App, { store, transport: 'ipc' });
    await settle();
    window.location.hash = '#/overview';
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });
});

describe('a pasted error in a filter box', () => {
  test('offers its explanation; taking it shows Overview with the text explained and the cursor in the box', async () => {
    const user = userEvent.setup();
    const { api, store } = arrivedAt('#/listeners');
    render(App, { store, transport: 'ipc' });
    await settle();
    await user.click(screen.getByLabelText('Filter'));
    await user.paste(REFUSED);
    const offer = await screen.findByText(/This looks like an error message/);
    // The filter does not pick at an error's words ("Ignored: …").
    expect(screen.queryByText(/^Ignored:/)).toBeNull();
    await user.click(within(offer.parentElement!).getByRole('button', { name: 'Explain it' }));
    await settle();

    expect(store.view).toBe('overview');
    expect(api.explain).toHaveBeenCalledExactlyOnceWith(REFUSED);
    expect(screen.getByText(ANSWER.verdict, { selector: 'strong' })).toBeInTheDocument();
    const box = screen.getByLabelText<HTMLTextAreaElement>(BOX);
    expect(box.value).toBe(REFUSED);
    expect(document.activeElement).toBe(box);
    // The text went to Explain: the table shows every listener again when the user goes back.
    expect(store.tables.listeners.filter).toBe('');
    expect(store.explainRequest).toBeNull();
  });

  test.each([
    ['Listeners', Listeners, 'listeners'],
    ['Connections', Connections, 'connections'],
  ] as const)(
    'in %s: errors and URLs are offered, ordinary filters never',
    async (_, View, table) => {
      const { store } = arrivedAt('#/listeners');
      render(View, { store });
      const offered = async (text: string): Promise<boolean> => {
        store.tables[table].filter = text;
        await tick();
        return screen.queryByRole('button', { name: 'Explain it' }) !== null;
      };
      for (const text of [
        REFUSED,
        'listen EADDRINUSE: address already in use :::3000',
        "OSError: [Errno 98] error while attempting to bind on address ('0.0.0.0', 8000): address already in use",
        'curl: (7) Failed to connect to localhost port 8080 after 0 ms: Connection refused',
        'http://localhost:3000/api',
      ]) {
        expect(await offered(text), text).toBe(true);
      }
      for (const text of [
        '3000',
        'node',
        'container:web',
        'image:postgres',
        ':8080',
        'localhost:3000',
        '127.0.0.1:5432',
        'exposed -udp',
        'listen 3000',
        'time_wait',
        'ECONNREFUSED',
        '',
      ]) {
        expect(await offered(text), text).toBe(false);
      }
    },
  );
});
