/** Electron transport: the preload exposes exactly the ApiClient as `window.api` (contextBridge). */
import type { ApiClient } from './types';

declare global {
  interface Window {
    api?: ApiClient;
  }
}

export function electronClient(): ApiClient | null {
  const api = typeof window !== 'undefined' ? window.api : undefined;
  if (!api || typeof api.call !== 'function' || typeof api.onEvent !== 'function') return null;
  return { call: (op, params) => api.call(op, params), onEvent: (listener) => api.onEvent(listener) };
}
