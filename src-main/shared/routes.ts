// The window's addresses: one table of hash routes (`#/listeners`, `#/port/3000`) that the renderer's router, the tray and notifications all use.

/** The views the navigation lists, in its order. */
export const VIEW_ROUTES = [
  'overview',
  'listeners',
  'connections',
  'watches',
  'history',
  'settings',
] as const;

export type ViewRoute = (typeof VIEW_ROUTES)[number];

/** One place in the window: a view, or one port's page. */
export type Route = { view: ViewRoute } | { view: 'port'; port: number };

/** Where an empty or unknown address lands. */
export const HOME_ROUTE: Route = { view: 'overview' };

const PORT_PATH = /^\/port\/([1-9]\d{0,4})$/;

/** `#/port/3000` → its route; anything this table does not name (or a port out of range) → null. */
export function parseRoute(hash: string): Route | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  // A query part (`?proto=udp`) is not part of the place; the port page shows every protocol.
  const path = raw.split('?', 1)[0] ?? '';
  const view = (VIEW_ROUTES as readonly string[]).find((v) => path === `/${v}`);
  if (view !== undefined) return { view: view as ViewRoute };
  const port = PORT_PATH.exec(path);
  if (port) {
    const n = Number(port[1]);
    if (n <= 65535) return { view: 'port', port: n };
  }
  return null;
}

/** The hash for a route, `#` included: `{view: 'port', port: 3000}` → `#/port/3000`. */
export function formatRoute(route: Route): string {
  return route.view === 'port' ? `#/port/${route.port}` : `#/${route.view}`;
}

/** The hash for one port's page. */
export function portRoute(port: number): string {
  return formatRoute({ view: 'port', port });
}

export function sameRoute(a: Route, b: Route): boolean {
  return formatRoute(a) === formatRoute(b);
}
