// The window's one state holder: the core's mirror (ServerState) plus what the window itself decides.
import type { PortholeEvent, SettingsView } from '../../src-main/shared/contract.js';
import type { Theme } from '../../src-main/domain/preferences.js';
import type { RowMark } from './row-marks.js';
import { ServerState } from './server-state.svelte.js';
import { TableState } from './table-state.svelte.js';

export { FADE_MS, type StoreOptions } from './server-state.svelte.js';
export type { RowMark, Theme };
export type ViewName =
  'overview' | 'listeners' | 'connections' | 'watches' | 'history' | 'settings' | 'port';

/** UI state over the server mirror: the view, the selected port, closed banners, the theme, tables. */
export class PortholeStore extends ServerState {
  /** Settings and collector warnings the user closed; they stay closed until the text changes. */
  dismissedWarnings = $state.raw<string[]>([]);
  view = $state<ViewName>('overview');
  selectedPort = $state<number | null>(null);
  theme = $state<Theme>('system');
  /** Filter and sort of each socket table, kept while the user visits other views. */
  readonly tables = {
    listeners: new TableState({ column: 'port', direction: 'ascending' }),
    connections: new TableState({ column: 'port', direction: 'ascending' }),
  };

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

  show(view: ViewName): void {
    this.view = view;
    if (view !== 'port') this.selectedPort = null;
  }

  /** Shows a socket table with a filter already typed in (Overview's cards: "exposed", "conflict"). */
  showFiltered(view: 'listeners' | 'connections', filter: string): void {
    this.tables[view].filter = filter;
    this.show(view);
  }

  openPort(port: number): void {
    this.selectedPort = port;
    this.view = 'port';
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
