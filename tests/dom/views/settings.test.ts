// The Settings view: current values, one-field saves, inline validation, server errors, theme, startup, snooze.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, test } from 'vitest';
import { PortholeError } from '../../../src-main/shared/api.js';
import type {
  PortholeState,
  PreferencesPatch,
  SettingsView,
} from '../../../src-main/shared/contract.js';
import App from '../../../src-renderer/App.svelte';
import { formatTime, type Preferences } from '../../../src-renderer/lib/settings-form.js';
import { defaultPreferences } from '../../../src-main/domain/preferences.js';
import Settings from '../../../src-renderer/views/Settings.svelte';
import { NOW, fakeApi, makeState, makeStore } from './fakes.js';

const PATH = '/home/dev/.config/porthole/settings.json';

function preferences(over: Partial<Preferences> = {}): Preferences {
  return { ...defaultPreferences(), protectedProcesses: ['systemd', 'init', 'sshd'], ...over };
}

/** A fake API whose settings behave like the core's: a patch merges into the saved preferences. */
function settingsApi(prefs: Preferences, warnings: string[] = []) {
  const api = fakeApi();
  let current: SettingsView = { preferences: prefs, warnings, path: PATH };
  api.getSettings.mockImplementation(() => Promise.resolve(current));
  api.updateSettings.mockImplementation((patch: PreferencesPatch) => {
    current = { ...current, preferences: { ...current.preferences, ...patch } };
    return Promise.resolve(current);
  });
  api.snoozeNotifications.mockImplementation((until: number | null) => Promise.resolve(until));
  return api;
}

async function setup(
  options: {
    prefs?: Partial<Preferences>;
    warnings?: string[];
    state?: Partial<PortholeState>;
  } = {},
) {
  const api = settingsApi(preferences(options.prefs), options.warnings);
  const store = makeStore(api, options.state);
  const user = userEvent.setup();
  render(Settings, { props: { store, api } });
  await screen.findByLabelText(/Refresh interval/);
  return { api, store, user };
}

const refresh = () => screen.getByLabelText(/Refresh interval/);
const cooldown = () => screen.getByLabelText(/Quiet time per port/);
const historyLimit = () => screen.getByLabelText(/Entries to keep/);
const exposure = () => screen.getByRole('checkbox', { name: /newly exposed listeners/ });
const loginBox = () => screen.queryByRole('checkbox', { name: /when I log in/ });
const chips = () => screen.getByRole('list', { name: 'Protected processes' });
const addField = () => screen.getByLabelText('Process name to protect');

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

describe('loading', () => {
  test('shows the current values, the file path and the load warnings', async () => {
    await setup({
      prefs: {
        refreshIntervalMs: 1500,
        notifyOnExposure: true,
        notificationCooldownMs: 0,
        startAtLogin: true,
        theme: 'dark',
        historyLimit: 20_000,
      },
      warnings: ['refreshIntervalMs 10 is out of range (500..60000); using 2000'],
    });
    expect(refresh()).toHaveValue('1.5');
    expect(cooldown()).toHaveValue('0');
    expect(historyLimit()).toHaveValue('20000');
    expect(exposure()).toBeChecked();
    expect(loginBox()).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'System' })).not.toBeChecked();
    expect(
      within(chips())
        .getAllByRole('listitem')
        .map((li) => li.textContent?.replace('×', '').trim()),
    ).toEqual(['systemd', 'init', 'sshd']);
    expect(screen.getByText(PATH)).toBeInTheDocument();
    expect(screen.getByText(/refreshIntervalMs 10 is out of range/)).toBeInTheDocument();
    // Each group is a labelled region under its own heading.
    for (const name of [
      'Monitoring',
      'Notifications',
      'Appearance',
      'Startup',
      'History',
      'Safety',
    ]) {
      expect(screen.getByRole('region', { name })).toBeInTheDocument();
    }
  });

  test('a failed load says why and Retry loads again', async () => {
    const api = settingsApi(preferences());
    api.getSettings.mockRejectedValueOnce(new PortholeError('failed', 'settings are locked'));
    const user = userEvent.setup();
    render(Settings, { props: { store: makeStore(api), api } });
    expect(await screen.findByRole('alert')).toHaveTextContent('settings are locked');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByLabelText(/Refresh interval/)).toHaveValue('2');
  });
});

describe('saving one field at a time', () => {
  test('the refresh interval is typed in seconds and saved on leaving the field', async () => {
    const { api, user } = await setup();
    await user.clear(refresh());
    await user.type(refresh(), '5');
    await user.tab();
    expect(api.updateSettings).toHaveBeenCalledTimes(1);
    expect(api.updateSettings).toHaveBeenCalledWith({ refreshIntervalMs: 5000 });
    expect(await screen.findByText('Saved')).toHaveAttribute('role', 'status');
  });

  test('typing saves by itself after a pause, once, not on every key', async () => {
    const { api, user } = await setup();
    await user.clear(refresh());
    await user.type(refresh(), '12.5');
    // The pause is the field's debounce (under a second); the bound only keeps a busy machine green.
    await waitFor(
      () => expect(api.updateSettings).toHaveBeenCalledWith({ refreshIntervalMs: 12_500 }),
      { timeout: 5000 },
    );
    expect(api.updateSettings).toHaveBeenCalledTimes(1);
  });

  test('the cooldown saves on Enter; the history limit takes thousands separators', async () => {
    const { api, user } = await setup();
    await user.clear(cooldown());
    await user.type(cooldown(), '90{Enter}');
    expect(api.updateSettings).toHaveBeenLastCalledWith({ notificationCooldownMs: 90_000 });
    await user.clear(historyLimit());
    await user.type(historyLimit(), '10,000{Enter}');
    expect(api.updateSettings).toHaveBeenLastCalledWith({ historyLimit: 10_000 });
    expect(api.updateSettings).toHaveBeenCalledTimes(2);
  });

  test('an unchanged value is not sent again', async () => {
    const { api, user } = await setup();
    await user.clear(refresh());
    await user.type(refresh(), '2.0{Enter}');
    expect(api.updateSettings).not.toHaveBeenCalled();
  });

  test.each([
    ['notify on exposure', exposure, { notifyOnExposure: true }],
    ['start at login', () => loginBox()!, { startAtLogin: true }],
  ])('the %s checkbox saves just that field', async (_name, box, patch) => {
    const { api, user } = await setup();
    await user.click(box());
    expect(api.updateSettings).toHaveBeenCalledTimes(1);
    expect(api.updateSettings).toHaveBeenCalledWith(patch);
    expect(box()).toBeChecked();
  });
});

describe('validation', () => {
  test.each([
    ['0.2', 'Refresh every 0.5 to 60 seconds'],
    ['61', 'Refresh every 0.5 to 60 seconds'],
    ['fast', 'Type a number of seconds'],
    ['', 'Type a number of seconds'],
  ])('interval %j shows %j inline and is not sent', async (text, message) => {
    const { api, user } = await setup();
    await user.clear(refresh());
    if (text) await user.type(refresh(), text);
    await user.tab();
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(refresh()).toHaveAttribute('aria-invalid', 'true');
    expect(refresh()).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(api.updateSettings).not.toHaveBeenCalled();
  });

  test('fixing the value clears the message and saves', async () => {
    const { api, user } = await setup();
    await user.clear(refresh());
    await user.type(refresh(), '0.2{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Refresh every 0.5 to 60 seconds');
    await user.clear(refresh());
    await user.type(refresh(), '0.5{Enter}');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.updateSettings).toHaveBeenCalledWith({ refreshIntervalMs: 500 });
  });

  test('Escape puts the saved value back', async () => {
    const { user } = await setup();
    await user.clear(refresh());
    await user.type(refresh(), '0.1{Enter}{Escape}');
    expect(refresh()).toHaveValue('2');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('cooldown and history limits are named in their messages', async () => {
    const { api, user } = await setup();
    await user.clear(cooldown());
    await user.type(cooldown(), '90000{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Wait 0 to 86400 seconds (24 h) between notifications',
    );
    await user.clear(historyLimit());
    await user.type(historyLimit(), '50{Enter}');
    expect(screen.getAllByRole('alert')[1]).toHaveTextContent('Keep 100 to 1,000,000 entries');
    expect(api.updateSettings).not.toHaveBeenCalled();
  });
});

describe('server errors', () => {
  test("the server's message is shown by the field and the checkbox goes back", async () => {
    const { api, user } = await setup();
    api.updateSettings.mockRejectedValueOnce(
      new PortholeError('failed', 'not saving settings: permission denied'),
    );
    await user.click(exposure());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not saved: not saving settings: permission denied',
    );
    expect(exposure()).not.toBeChecked();
    expect(exposure()).toHaveAccessibleDescription(expect.stringContaining('permission denied'));
  });

  test('a refused number keeps what was typed and shows why', async () => {
    const { api, user } = await setup();
    api.updateSettings.mockRejectedValueOnce(
      new PortholeError('invalid-request', 'refreshIntervalMs: too small'),
    );
    await user.clear(refresh());
    await user.type(refresh(), '3{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('refreshIntervalMs: too small');
    expect(refresh()).toHaveValue('3');
  });
});

describe('theme', () => {
  test('a choice applies at once and is saved', async () => {
    const { api, store, user } = await setup();
    let release: () => void = () => {};
    api.updateSettings.mockImplementationOnce(
      (patch) =>
        new Promise((resolve) => {
          release = () => resolve({ preferences: preferences(patch), warnings: [], path: PATH });
        }),
    );
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    // Before the server answers.
    expect(store.theme).toBe('dark');
    expect(api.updateSettings).toHaveBeenCalledWith({ theme: 'dark' });
    release();
    await screen.findByText('Saved');
    expect(store.theme).toBe('dark');
    expect(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
  });

  test('the window follows it: data-theme on the document', async () => {
    const api = settingsApi(preferences());
    const store = makeStore(api);
    store.show('settings');
    const user = userEvent.setup();
    render(App, { store, transport: 'ipc' });
    await user.click(await screen.findByRole('radio', { name: 'Light' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    await user.click(screen.getByRole('radio', { name: 'System' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBeUndefined());
  });

  test('a failed save goes back to the saved theme', async () => {
    const { api, store, user } = await setup({ prefs: { theme: 'light' } });
    api.updateSettings.mockRejectedValueOnce(new PortholeError('failed', 'disk full'));
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('disk full');
    expect(store.theme).toBe('light');
    expect(screen.getByRole('radio', { name: 'Light' })).toBeChecked();
  });
});

describe('startup', () => {
  test('browser mode has no start-at-login switch and says why', async () => {
    await setup({
      state: { capabilities: { kill: false, platform: 'linux', transport: 'http' } },
    });
    expect(loginBox()).toBeNull();
    expect(screen.getByRole('region', { name: 'Startup' })).toHaveTextContent(
      'a browser tab cannot start anything',
    );
  });
});

describe('protected processes', () => {
  test('Enter adds a name; a duplicate (any case) is refused without a call', async () => {
    const { api, user } = await setup();
    await user.type(addField(), ' postgres {Enter}');
    expect(api.updateSettings).toHaveBeenCalledWith({
      protectedProcesses: ['systemd', 'init', 'sshd', 'postgres'],
    });
    expect(within(chips()).getByText('postgres')).toBeInTheDocument();
    expect(addField()).toHaveValue('');
    await user.type(addField(), 'SSHD{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('sshd is already protected');
    expect(api.updateSettings).toHaveBeenCalledTimes(1);
    await user.clear(addField());
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Type a process name');
  });

  test('removing a chip saves the shorter list and keeps focus in the list', async () => {
    const { api, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Remove init' }));
    expect(api.updateSettings).toHaveBeenCalledWith({ protectedProcesses: ['systemd', 'sshd'] });
    expect(within(chips()).queryByText('init')).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove sshd' })).toHaveFocus());
  });

  test('a refused removal puts the chip back', async () => {
    const { api, user } = await setup();
    api.updateSettings.mockRejectedValueOnce(new PortholeError('failed', 'read-only file'));
    await user.click(screen.getByRole('button', { name: 'Remove init' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('read-only file');
    expect(within(chips()).getByText('init')).toBeInTheDocument();
  });
});

describe('snooze all notifications', () => {
  test('15 min, 1 h and tomorrow 08:00 snooze from now; the status shows it; Resume ends it', async () => {
    const { api, store, user } = await setup();
    expect(screen.getByText('Notifications are on')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resume notifications' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Snooze for 1 h' }));
    expect(api.snoozeNotifications).toHaveBeenLastCalledWith(NOW + 3_600_000);
    expect(store.notificationsSnoozedUntil).toBe(NOW + 3_600_000);
    const until = `Snoozed until ${formatTime(NOW + 3_600_000)}`;
    expect(await screen.findAllByText(until)).not.toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Snooze for 15 min' }));
    expect(api.snoozeNotifications).toHaveBeenLastCalledWith(NOW + 15 * 60_000);

    const morning = new Date(2026, 10, 29, 8, 0, 0).getTime();
    await user.click(screen.getByRole('button', { name: /^Snooze until tomorrow/ }));
    expect(api.snoozeNotifications).toHaveBeenLastCalledWith(morning);
    expect(
      await screen.findAllByText(`Snoozed until tomorrow ${formatTime(morning)}`),
    ).not.toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Resume notifications' }));
    expect(api.snoozeNotifications).toHaveBeenLastCalledWith(null);
    expect(await screen.findAllByText('Notifications are on')).not.toHaveLength(0);
  });

  test('a snooze already running is shown on arrival', async () => {
    await setup({ state: makeState({ notificationsSnoozedUntil: NOW + 30 * 60_000 }) });
    expect(screen.getByText(`Snoozed until ${formatTime(NOW + 30 * 60_000)}`)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Resume notifications' })).toBeInTheDocument();
  });
});

describe('settings file', () => {
  test('Copy path puts the path on the clipboard', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Copy path' }));
    expect(await navigator.clipboard.readText()).toBe(PATH);
    expect(await screen.findByText('Copied the settings file path')).toBeInTheDocument();
  });
});

describe('in the window', () => {
  test('a Settings entry in the navigation shows the view', async () => {
    const api = settingsApi(preferences());
    const store = makeStore(api);
    const user = userEvent.setup();
    render(App, { store, transport: 'ipc' });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    await user.click(within(nav).getByRole('link', { name: /^Settings/ }));
    expect(store.view).toBe('settings');
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(await screen.findByLabelText(/Refresh interval/)).toHaveValue('2');
  });
});
