// Makes "start at login" true on the machine: login items on macOS and Windows, an XDG autostart entry on Linux.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { App } from 'electron';
import { InputError } from '../core/errors.js';

/** Passed when launched at login: start in the tray without opening the window. */
export const HIDDEN_ARG = '--hidden';

export interface StartAtLoginOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
  /** What to run at login, program first: the AppImage or executable, then our arguments. */
  command: readonly string[];
  app: Pick<App, 'setLoginItemSettings'>;
}

/** `$XDG_CONFIG_HOME/autostart/porthole.desktop`; the spec says to ignore a relative XDG_CONFIG_HOME. */
export function autostartFile(env: NodeJS.ProcessEnv, homedir: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  const config = xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir, '.config');
  return path.join(config, 'autostart', 'porthole.desktop');
}

/**
 * One Exec argument in Desktop Entry syntax: quoted, with `"` `` ` `` `$` `\` escaped for the
 * quoting rule, then backslashes doubled again for the string rule, and `%` written `%%`.
 */
function execArg(arg: string): string {
  if (/[\n\r\0]/.test(arg)) throw new InputError('the program path contains a line break');
  const quoted = `"${arg.replace(/[\\"`$]/g, '\\$&')}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function desktopEntry(command: readonly string[]): string {
  if (command.length === 0) throw new InputError('no program to start at login');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Porthole',
    'Comment=Who holds which local port, and watches the ones you care about',
    `Exec=${command.map(execArg).join(' ')}`,
    'Icon=porthole',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export async function applyStartAtLogin(
  enabled: boolean,
  options: StartAtLoginOptions,
): Promise<void> {
  if (options.platform === 'darwin' || options.platform === 'win32') {
    // Windows passes args to the executable; macOS ignores them (main checks the argv either way).
    options.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    return;
  }
  const file = autostartFile(options.env, options.homedir);
  if (!enabled) {
    await fs.rm(file, { force: true });
    return;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, desktopEntry(options.command), { mode: 0o644 });
}

/** Keeps the machine in line with the preference; safe to call every tick, acts only on a change. */
export class StartAtLogin {
  private applied: boolean | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: StartAtLoginOptions,
    private readonly onError: (error: unknown) => void,
  ) {}

  sync(enabled: boolean): Promise<void> {
    if (this.applied === enabled) return this.running;
    this.applied = enabled;
    // Serialized, so a quick on-off-on ends with the file matching the last choice.
    this.running = this.running
      .then(() => applyStartAtLogin(enabled, this.options))
      .catch((error: unknown) => {
        this.applied = null; // try again on the next sync
        this.onError(error);
      });
    return this.running;
  }
}
