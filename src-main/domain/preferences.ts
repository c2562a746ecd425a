// Preferences: the record, each field's bounds and default. Zod-free, so the window can read the limits cheaply.

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Preferences {
  refreshIntervalMs: number;
  notifyOnExposure: boolean;
  notificationCooldownMs: number;
  startAtLogin: boolean;
  theme: Theme;
  historyLimit: number;
  /** Process names never offered for kill. */
  protectedProcesses: string[];
}

/** The preferences that are whole numbers, and their inclusive bounds in the unit stored. */
export const PREFERENCE_LIMITS = {
  /** How often the monitor reads the port list (ms). */
  refreshIntervalMs: { min: 500, max: 60_000 },
  /** Quiet time between two notifications about one port (ms). */
  notificationCooldownMs: { min: 0, max: 86_400_000 },
  /** History entries kept. */
  historyLimit: { min: 100, max: 1_000_000 },
} as const satisfies { [K in keyof Preferences]?: { min: number; max: number } };
export type NumericPreference = keyof typeof PREFERENCE_LIMITS;

/** Protected process names: characters per name, names in the list. */
export const PROTECTED_LIMITS = { maxName: 200, maxCount: 500 } as const;

export function defaultPreferences(): Preferences {
  return {
    refreshIntervalMs: 2000,
    notifyOnExposure: false,
    notificationCooldownMs: 60_000,
    startAtLogin: false,
    theme: 'system',
    historyLimit: 5000,
    protectedProcesses: [
      'systemd',
      'init',
      'launchd',
      'sshd',
      'Xorg',
      'gnome-shell',
      'explorer.exe',
      'wininit.exe',
      'csrss.exe',
    ],
  };
}
