/**
 * The loopback host's per-launch token arrives once in the URL fragment (`#token=…`, never sent
 * to the server in a request line). Keep it in sessionStorage so a reload still works, and take it
 * out of the address bar so it is not copied, bookmarked or shown in screenshots.
 */
const KEY = 'region-sync.token';

export function takeTokenFromLocation(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(KEY, token);
    history.replaceState(history.state, '', location.pathname + location.search);
    return token;
  }
  return sessionStorage.getItem(KEY);
}
