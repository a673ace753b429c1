/**
 * Loopback HTTP transport: `POST /api/<operation>` with a bearer token, and server-sent events
 * on `/api/events` (EventSource cannot send headers, so the token goes in the query there).
 */
import { describeThrown, looksLikeAppError, transportError } from './errors';
import type { ApiClient, ApiEvent, OperationName, ParamsOf, Reply } from './types';

export function httpClient(token: string): ApiClient {
  const listeners = new Set<(e: ApiEvent) => void>();
  let source: EventSource | null = null;

  function openEvents(): void {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      let event: ApiEvent;
      try {
        event = JSON.parse(message.data) as ApiEvent;
      } catch {
        return; // a malformed event is dropped: events only refine what replies already say
      }
      for (const listener of listeners) listener(event);
    };
  }

  async function call<Op extends OperationName>(op: Op, params: ParamsOf<Op>): Promise<Reply<Op>> {
    let response: Response;
    try {
      response = await fetch(`/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(params),
      });
    } catch (e) {
      return {
        ok: false,
        error: transportError(`The Region Sync host did not answer (${describeThrown(e)}).`, 'Is `region-sync serve` still running? Start it again and open the new URL.'),
      };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, error: transportError(`The host answered ${response.status} without a readable reply to ${op}.`, 'Restart `region-sync serve` and try again.') };
    }
    if (typeof body === 'object' && body !== null && 'ok' in body) {
      const reply = body as Reply<Op>;
      if (reply.ok || looksLikeAppError(reply.error)) return reply;
    }
    return { ok: false, error: transportError(`The host sent an unexpected reply to ${op} (HTTP ${response.status}).`, 'Check that the host and this page come from the same version.') };
  }

  return {
    call,
    onEvent(listener) {
      listeners.add(listener);
      openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
