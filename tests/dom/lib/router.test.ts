// Routes and the router: the one table round-trips, unknown addresses land on Overview, and the router follows jsdom's address and history.
import { afterEach, describe, expect, test } from 'vitest';
import {
  EXPLAIN_ROUTE,
  formatRoute,
  parseRoute,
  portRoute,
  VIEW_ROUTES,
  type Route,
} from '../../../src-main/shared/routes.js';
import { Router } from '../../../src-renderer/lib/router.svelte.js';
import { PortholeStore } from '../../../src-renderer/lib/store.svelte.js';
import { fakeApi } from '../fakes.js';

/** Lets jsdom deliver its queued hashchange/popstate events. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const routers: Router[] = [];
function router(): Router {
  const r = new Router(window);
  routers.push(r);
  return r;
}

afterEach(() => {
  for (const r of routers.splice(0)) r.dispose();
  window.history.replaceState(null, '', window.location.pathname);
});

describe('route table', () => {
  test('every route formats and parses back to itself', () => {
    const routes: Route[] = [
      ...VIEW_ROUTES.map((view) => ({ view })),
      { view: 'port', port: 1 },
      { view: 'port', port: 3000 },
      { view: 'port', port: 65535 },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute({ view: 'listeners' })).toBe('#/listeners');
    expect(portRoute(3000)).toBe('#/port/3000');
  });

  test('unknown, malformed and out-of-range addresses are not routes', () => {
    for (const hash of [
      '',
      '#',
      '#/',
      '#main',
      '#/nowhere',
      '#/Listeners',
      '#/listeners/extra',
      '#/port',
      '#/port/',
      '#/port/0',
      '#/port/65536',
      '#/port/030',
      '#/port/3000x',
      '#/port/-1',
      '#/port/1e3',
      '#/../settings',
    ]) {
      expect(parseRoute(hash), hash).toBeNull();
    }
  });

  test('a query part does not change the place', () => {
    expect(parseRoute('#/port/3000?proto=udp')).toEqual({ view: 'port', port: 3000 });
    expect(parseRoute('/watches')).toEqual({ view: 'watches' });
  });

  test("Overview's Explain focus is the one query read, and only on Overview", () => {
    expect(formatRoute(EXPLAIN_ROUTE)).toBe('#/overview?focus=explain');
    expect(parseRoute('#/overview?focus=explain')).toEqual(EXPLAIN_ROUTE);
    expect(parseRoute('#/overview?x=1&focus=explain')).toEqual(EXPLAIN_ROUTE);
    expect(parseRoute('#/overview?focus=explained')).toEqual({ view: 'overview' });
    expect(parseRoute('#/listeners?focus=explain')).toEqual({ view: 'listeners' });
    expect(parseRoute('#/port/3000?focus=explain')).toEqual({ view: 'port', port: 3000 });
  });
});

describe('router', () => {
  test('starts where the address is, and an unknown address shows Overview and says so', () => {
    window.history.replaceState(null, '', '#/port/8080');
    expect(router().route).toEqual({ view: 'port', port: 8080 });
    window.history.replaceState(null, '', '#/nowhere');
    expect(router().route).toEqual({ view: 'overview' });
    expect(window.location.hash).toBe('#/overview');
  });

  test('navigate writes the address as a new history entry; back and forward follow it', async () => {
    const r = router();
    const before = window.history.length;
    r.navigate({ view: 'listeners' });
    r.navigate({ view: 'port', port: 3000 });
    expect(window.location.hash).toBe('#/port/3000');
    expect(window.history.length).toBe(before + 2);
    expect(r.canGoBack).toBe(true);

    window.history.back();
    await settle();
    expect(r.route).toEqual({ view: 'listeners' });
    window.history.forward();
    await settle();
    expect(r.route).toEqual({ view: 'port', port: 3000 });
  });

  test('navigating to the current place adds no entry', () => {
    const r = router();
    r.navigate({ view: 'watches' });
    const length = window.history.length;
    r.navigate({ view: 'watches' });
    expect(window.history.length).toBe(length);
  });

  test('a hash set from outside (a link, the shell) is followed', async () => {
    const r = router();
    window.location.hash = '#/history';
    await settle();
    expect(r.route).toEqual({ view: 'history' });
    window.location.hash = '#/port/5432';
    await settle();
    expect(r.route).toEqual({ view: 'port', port: 5432 });
    // Our own entries are behind it: Back stays in the window.
    expect(r.canGoBack).toBe(true);
  });

  test("a port page's Back returns through history when there is some", async () => {
    const r = router();
    r.navigate({ view: 'connections' });
    r.navigate({ view: 'port', port: 22 });
    r.back();
    await settle();
    expect(r.route).toEqual({ view: 'connections' });
  });

  test('opened straight on a port page, Back goes to Listeners without leaving the window', () => {
    window.history.replaceState(null, '', '#/port/22');
    const r = router();
    expect(r.canGoBack).toBe(false);
    r.back();
    expect(r.route).toEqual({ view: 'listeners' });
    expect(window.location.hash).toBe('#/listeners');
  });

  test('a reload keeps the place and what lies behind it', () => {
    const first = router();
    first.navigate({ view: 'settings' });
    first.navigate({ view: 'port', port: 631 });
    first.dispose();
    // A reload is a new router over the same address and history entry.
    const again = router();
    expect(again.route).toEqual({ view: 'port', port: 631 });
    expect(again.canGoBack).toBe(true);
  });
});

describe('store over the router', () => {
  test("the store's view and port are the router's", () => {
    const r = router();
    const store = new PortholeStore(fakeApi(), Date.now, { router: r });
    store.openPort(3000);
    expect(window.location.hash).toBe('#/port/3000');
    expect(store.view).toBe('port');
    expect(store.selectedPort).toBe(3000);
    store.show('watches');
    expect(window.location.hash).toBe('#/watches');
    expect(store.selectedPort).toBeNull();
    store.handle({ type: 'focus-port', port: 5432 });
    expect(r.route).toEqual({ view: 'port', port: 5432 });
  });

  test('without a router of its own the store keeps its place in memory', () => {
    const store = new PortholeStore(fakeApi());
    store.openPort(80);
    expect(store.view).toBe('port');
    expect(window.location.hash).toBe('');
  });
});
