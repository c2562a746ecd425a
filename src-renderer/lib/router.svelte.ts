// The window's one source of "where am I": the hash route, kept in step with the address bar and history.
import {
  formatRoute,
  HOME_ROUTE,
  parseRoute,
  sameRoute,
  type Route,
  type ViewRoute,
} from '../../src-main/shared/routes.js';

export type { Route, ViewRoute };

/** The parts of `window` the router touches; tests hand in jsdom's window or none at all. */
export interface RouterHost {
  location: Pick<Location, 'hash'>;
  history: Pick<History, 'pushState' | 'replaceState' | 'back' | 'state'>;
  addEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
  removeEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
}

/** What we keep in each history entry: how many in-app steps lie behind it. */
interface EntryState {
  portholeDepth: number;
}

function depthOf(state: unknown): number | null {
  const depth = (state as Partial<EntryState> | null)?.portholeDepth;
  return typeof depth === 'number' && Number.isInteger(depth) && depth >= 0 ? depth : null;
}

/**
 * With a host, the route follows the address (back, forward, reload, a typed or loaded `#/…`);
 * without one (component tests, before mount) it lives in memory.
 */
export class Router {
  route = $state<Route>(HOME_ROUTE);
  /** The last view that was not a port page: where a port page's Back goes when history cannot. */
  lastView = $state<ViewRoute>('listeners');
  #depth = 0;
  readonly #host: RouterHost | null;
  readonly #sync = () => this.#follow();

  constructor(host: RouterHost | null = null) {
    this.#host = host;
    if (!host) return;
    // A reload keeps the entry's state: Back still knows there is in-app history behind it.
    this.#depth = depthOf(host.history.state) ?? 0;
    if (depthOf(host.history.state) === null) this.#stamp();
    this.#follow();
    host.addEventListener('hashchange', this.#sync);
    host.addEventListener('popstate', this.#sync);
  }

  /** True when Back would stay inside the window. */
  get canGoBack(): boolean {
    return this.#depth > 0;
  }

  /** Goes to a route, as a new history entry (or replacing the current one). */
  navigate(route: Route, options: { replace?: boolean } = {}): void {
    if (sameRoute(route, this.route)) return;
    const host = this.#host;
    if (host) {
      const replace = options.replace === true;
      if (!replace) this.#depth += 1;
      const state: EntryState = { portholeDepth: this.#depth };
      if (replace) host.history.replaceState(state, '', formatRoute(route));
      else host.history.pushState(state, '', formatRoute(route));
    }
    this.#set(route);
  }

  /** A port page's Back: the previous entry when it is ours, else the view the user came from. */
  back(): void {
    if (this.#host && this.canGoBack) this.#host.history.back();
    else this.navigate({ view: this.lastView });
  }

  /** Stops following the address (the window is going away; tests). */
  dispose(): void {
    this.#host?.removeEventListener('hashchange', this.#sync);
    this.#host?.removeEventListener('popstate', this.#sync);
  }

  /** Reads the address: back, forward, reload, or a hash set from outside (a link, the shell). */
  #follow(): void {
    const host = this.#host;
    if (!host) return;
    const depth = depthOf(host.history.state);
    if (depth === null) {
      // An entry we did not make (a typed address, a plain link, the tray loading `#/port/P`).
      this.#depth += host.location.hash === '' ? 0 : 1;
      this.#stamp();
    } else this.#depth = depth;
    const hash = host.location.hash;
    const parsed = hash === '' || hash === '#' ? HOME_ROUTE : parseRoute(hash);
    // An address this window does not know shows the Overview, and says so in the address bar.
    if (parsed === null) host.history.replaceState(host.history.state, '', formatRoute(HOME_ROUTE));
    this.#set(parsed ?? HOME_ROUTE);
  }

  #stamp(): void {
    const host = this.#host;
    if (!host) return;
    const state: EntryState = { portholeDepth: this.#depth };
    host.history.replaceState(state, '');
  }

  #set(route: Route): void {
    if (route.view !== 'port') this.lastView = route.view;
    if (!sameRoute(route, this.route)) this.route = route;
  }
}
