/** Picks the transport once: Electron's preload when present, else the loopback host. */
import { electronClient } from './electron';
import { httpClient } from './http';
import { takeTokenFromLocation } from './token';
import type { ApiClient } from './types';

function disconnectedClient(): ApiClient {
  return {
    call: async () => ({
      ok: false,
      error: {
        code: 'UNAUTHORIZED',
        message: 'This page has no access token for the Region Sync host.',
        hint: 'Open the full URL that `region-sync serve` printed (it ends with #token=…).',
      },
    }),
    onEvent: () => () => {},
  };
}

export function connect(): ApiClient {
  const electron = electronClient();
  if (electron) return electron;
  const token = takeTokenFromLocation();
  return token ? httpClient(token) : disconnectedClient();
}
