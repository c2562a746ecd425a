// Browser mode's token: taken once from the printed address, then kept in sessionStorage, never in the URL.
//
// `porthole serve` prints `http://127.0.0.1:<port>/?token=T`. The page moves T into sessionStorage
// (this tab only, gone when it closes; a reload still finds it) and takes it out of the address
// bar, so it sits neither in history nor in a screenshot. The API gets it as a header only: no
// cookie, since cookies are not port-scoped and would reach every other server on 127.0.0.1.

export const TOKEN_KEY = 'porthole:token';

/** The parts of `window` the token handling touches; tests hand in their own. */
export interface TokenPage {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function tokenFrom(search: string): string | null {
  const token = new URLSearchParams(search).get('token');
  return token === null || token === '' ? null : token;
}

/** The address without its `token` parameter; every other part (path, parameters, hash) stays. */
export function withoutToken(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('token');
  return url.href;
}

/**
 * The token for this tab: from the address when it carries one (then stored and removed from the
 * address), else the one stored by an earlier load of this tab; null when there is neither.
 */
export function takePageToken(page: TokenPage): string | null {
  const fromUrl = tokenFrom(new URL(page.location.href).search);
  if (fromUrl === null) {
    try {
      return page.sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null; // storage disabled: the API answers 401 and the window says to open the link
    }
  }
  try {
    page.sessionStorage.setItem(TOKEN_KEY, fromUrl);
  } catch {
    // Without storage a reload could only work from the address: leave the token there.
    return fromUrl;
  }
  page.history.replaceState(page.history.state, '', withoutToken(page.location.href));
  return fromUrl;
}
