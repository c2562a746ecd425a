// The only caller of shell.openExternal: hands the user's browser vetted http(s) links and nothing else.
import { shell } from 'electron';
import { InputError } from '../core/errors.js';

const ALLOWED = new Set(['http:', 'https:']);

/**
 * Parses with URL and keeps only http and https. Other schemes reach the OS's handlers: `file:`
 * opens or runs local files, `smb:` leaks credentials to a remote share, `javascript:` and custom
 * schemes start who knows what.
 */
export function vetExternalUrl(raw: unknown): URL {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) {
    throw new InputError('the link must be a web address of at most 2048 characters');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`"${raw.slice(0, 80)}" is not a valid web address`);
  }
  if (!ALLOWED.has(url.protocol)) {
    throw new InputError(`only http and https links can be opened, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError('links with a user name or password in them are not opened');
  }
  return url;
}

/** Opens a vetted link in the user's browser; throws InputError for anything else. */
export async function openExternal(raw: string): Promise<void> {
  const url = vetExternalUrl(raw);
  // vetExternalUrl allows only http(s) URLs that parse; everything else threw above.
  await shell.openExternal(url.href); // eng-disable OPEN_EXTERNAL_JS_CHECK
}
