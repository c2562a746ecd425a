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

/** A field a place opens with the cursor in: Overview's Explain box (the tray's "Explain an error…"). */
export type RouteFocus = 'explain';

/** One place in the window: a view (Overview possibly with a field to focus), or one port's page. */
export type Route = { view: ViewRoute; focus?: RouteFocus } | { view: 'port'; port: number };

/** Overview with the cursor in its Explain box, ready to paste: `#/overview?focus=explain`. */
export const EXPLAIN_ROUTE: Route = { view: 'overview', focus: 'explain' };

/** Where an empty or unknown address lands. */
export const HOME_ROUTE: Route = { view: 'overview' };

const PORT_PATH = /^\/port\/([1-9]\d{0,4})$/;
const FOCUS_EXPLAIN = /(?:^|&)focus=explain(?:&|$)/;

/** `#/port/3000` → its route; anything this table does not name (or a port out of range) → null. */
export function parseRoute(hash: string): Route | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  // A query part (`?proto=udp`) is not part of the place; the port page shows every protocol.
  // Only Overview's `focus=explain` is read: a request to put the cursor in its Explain box.
  const [path = '', query = ''] = raw.split('?', 2);
  const view = (VIEW_ROUTES as readonly string[]).find((v) => path === `/${v}`);
  if (view === 'overview' && FOCUS_EXPLAIN.test(query)) return { view, focus: 'explain' };
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
  if (route.view === 'port') return `#/port/${route.port}`;
  return route.focus === undefined ? `#/${route.view}` : `#/${route.view}?focus=${route.focus}`;
}

/** The hash for one port's page. */
export function portRoute(port: number): string {
  return formatRoute({ view: 'port', port });
}

export function sameRoute(a: Route, b: Route): boolean {
  return formatRoute(a) === formatRoute(b);
}
