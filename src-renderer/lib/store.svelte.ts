// The window's one state holder: the core's mirror (ServerState) plus what the window itself decides.
import type { PortholeEvent, SettingsView } from '../../src-main/shared/contract.js';
import type { Theme } from '../../src-main/domain/preferences.js';
import type { RowMark } from './row-marks.js';
import { Router } from './router.svelte.js';
import { EXPLAIN_ROUTE } from '../../src-main/shared/routes.js';
import type { PortholeApi } from '../../src-main/shared/api.js';
import { ServerState, type StoreOptions as ServerStoreOptions } from './server-state.svelte.js';
import { TableState } from './table-state.svelte.js';

export { FADE_MS } from './server-state.svelte.js';
export type { RowMark, Theme };
export type ViewName =
  'overview' | 'listeners' | 'connections' | 'watches' | 'history' | 'settings' | 'port';

export interface StoreOptions extends ServerStoreOptions {
  /** Where the window is; main.ts hands in one that follows the address bar. Default: in memory. */
  router?: Router;
}

/** UI state over the server mirror: closed banners, the theme, tables; the place comes from the router. */
export class PortholeStore extends ServerState {
  readonly router: Router;
  /** Settings and collector warnings the user closed; they stay closed until the text changes. */
  dismissedWarnings = $state.raw<string[]>([]);
  theme = $state<Theme>('system');
  /** Text handed to Overview's Explain box to run (a filter box's "Explain it"); it takes it once. */
  explainRequest = $state.raw<{ text: string } | null>(null);
  /** Filter and sort of each socket table, kept while the user visits other views. */
  readonly tables = {
    listeners: new TableState({ column: 'port', direction: 'ascending' }),
    connections: new TableState({ column: 'port', direction: 'ascending' }),
  };

  constructor(api: PortholeApi, clock: () => number = Date.now, options: StoreOptions = {}) {
    super(api, clock, options);
    this.router = options.router ?? new Router();
  }

  /** The current view: the router's, so the address, back and forward decide it. */
  get view(): ViewName {
    return this.router.route.view;
  }

  /** The port whose page is showing, or null. */
  get selectedPort(): number | null {
    const { route } = this.router;
    return route.view === 'port' ? route.port : null;
  }

  readonly visibleSettingsWarnings = $derived(
    this.settingsWarnings.filter((w) => !this.dismissedWarnings.includes(w)),
  );
  readonly visibleWarnings = $derived(
    this.warnings.filter((w) => !this.dismissedWarnings.includes(w)),
  );

  /** Subscribes and loads the state, and the theme alongside. */
  override async start(): Promise<void> {
    if (this.started) return;
    await Promise.all([super.start(), this.loadPreferences()]);
  }

  /** Theme preference only; a failure keeps the OS theme. */
  async loadPreferences(): Promise<void> {
    try {
      const settings = await this.api.getSettings();
      this.theme = settings.preferences.theme;
    } catch {
      // Keep following the OS.
    }
  }

  /** Follows saved preferences the window itself uses (the theme); the Settings view calls it after saving. */
  applyPreferences(preferences: Pick<SettingsView['preferences'], 'theme'>): void {
    this.theme = preferences.theme;
  }

  /** Shows a theme at once, before its save returns (applyPreferences then settles it). */
  previewTheme(theme: Theme): void {
    this.theme = theme;
  }

  show(view: Exclude<ViewName, 'port'>): void {
    this.router.navigate({ view });
  }

  /** Shows a socket table with a filter already typed in (Overview's cards: "exposed", "conflict"). */
  showFiltered(view: 'listeners' | 'connections', filter: string): void {
    this.tables[view].filter = filter;
    this.show(view);
  }

  openPort(port: number): void {
    this.router.navigate({ view: 'port', port });
  }

  /** Overview's Explain box, with the cursor in it (the tray's "Explain an error…" arrives so). */
  get explainFocusWanted(): boolean {
    const { route } = this.router;
    return route.view !== 'port' && route.focus === 'explain';
  }

  /** The Explain box has the cursor: the address drops its request, so the next one is news. */
  explainFocused(): void {
    if (this.explainFocusWanted) this.router.navigate({ view: 'overview' }, { replace: true });
  }

  /** Explains `text` on Overview: its Explain box takes the text, runs it and keeps the cursor. */
  explain(text: string): void {
    this.explainRequest = { text };
    this.router.navigate(EXPLAIN_ROUTE);
  }

  /** A port page's way back: the previous place in the window, else the view it was opened from. */
  back(): void {
    this.router.back();
  }

  dismissWarning(text: string): void {
    if (!this.dismissedWarnings.includes(text)) {
      this.dismissedWarnings = [...this.dismissedWarnings, text];
    }
  }

  /** Applies one pushed event: the window's own ones here, the core's in ServerState. */
  override handle(event: PortholeEvent): void {
    switch (event.type) {
      case 'focus-port':
        this.openPort(event.port);
        break;
      case 'show-view':
        this.show(event.view);
        break;
      case 'preferences':
        this.applyPreferences(event.preferences);
        break;
      default:
        super.handle(event);
    }
  }
}
