// Whole-app channels: the full state, the global notification snooze, and opening links outside.
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from './types.js';

type AppChannel =
  'porthole:state:get' | 'porthole:notifications:snooze' | 'porthole:app:open-external';

/** Only web links leave the app: a `file:` or custom-scheme URL could start a local program. */
function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export function appHandlers(ctx: ServiceContext): HandlersFor<AppChannel> {
  return {
    'porthole:state:get': () => Promise.resolve(ctx.state()),
    'porthole:notifications:snooze': ({ until }) => Promise.resolve(ctx.snoozeNotifications(until)),
    'porthole:app:open-external': async ({ url }) => {
      // Checked again here: the validator's prefix test passes `https://` glued to anything.
      if (!ctx.openExternal || !isWebLink(url)) return false;
      // The injected opener is the shell's vetting wrapper (http/https only), checked again above.
      await ctx.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return true;
    },
  };
}
