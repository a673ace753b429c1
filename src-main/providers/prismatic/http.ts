/**
 * One HTTP exchange with a stack, made robust: per-attempt timeout (AbortController), a cap on the
 * answer size enforced while streaming (a runaway or hostile endpoint cannot fill memory), retries
 * with exponential backoff and full jitter on 5xx / 429 / dropped connections, and Retry-After
 * honoured. Requests that change things (mutations) are only retried when the stack certainly did
 * not act on them (429, 502/503/504, connection refused); everything else surfaces, and the write
 * layer re-checks the region's state before trying again, so nothing is done twice.
 */
import { AppFailure, appError, type AppError } from '../../core/errors';
import type { OpContext } from '../../api/ports';
import type { Limiter } from './limiter';

export interface HttpLimits {
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  maxResponseBytes: number;
  /** Extra attempts after the first. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is cut to it (we would rather fail than hang for an hour). */
  maxRetryAfterMs: number;
  /** Requests in flight per region. */
  concurrency: number;
  /**
   * Items per list page (`first`). Cursor pages must be read one after another, so bigger pages
   * shorten the one sequential chain of a pull; 100 is the documented maximum. 0 = server default.
   */
  pageSize: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  timeoutMs: 60_000,
  maxResponseBytes: 50 * 1024 * 1024,
  retries: 4,
  baseDelayMs: 300,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  concurrency: 16,
  pageSize: 100,
};

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
  headers: Headers;
}

export interface HttpDeps {
  fetch: typeof fetch;
  regionId: string;
  limits: HttpLimits;
  limiter: Limiter;
  /** Every string that must never appear in an error (tokens); read at error time. */
  secrets: () => readonly string[];
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Safe to repeat after an unknown outcome (reads). */
  idempotent: boolean;
  /** Short name for messages, e.g. "GraphQL listIntegrations". Never holds a token. */
  what: string;
  /** Goes ahead of queued requests (list pages, which the rest of a pull waits for). */
  urgent?: boolean;
}

/** Replaces every known secret in a text; used on anything that came back from the network. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

interface AttemptFailure {
  error: AppError;
  retryable: boolean;
  retryAfterMs?: number;
}

const RETRY_ALWAYS = new Set([429, 502, 503, 504]);

function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const secs = Number(value.trim());
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function networkCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (e as { code?: string })?.code;
}

async function readCapped(res: Response, max: number, abort: () => void): Promise<Uint8Array | 'too-large'> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    abort();
    return 'too-large';
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      abort();
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

export function createHttp(deps: HttpDeps) {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const region = deps.regionId;
  const clean = (e: AppError): AppError => ({
    ...e,
    message: redact(e.message, deps.secrets()),
    ...(e.hint ? { hint: redact(e.hint, deps.secrets()) } : {}),
  });

  async function attempt(req: HttpRequest, ctx: OpContext | undefined): Promise<HttpAnswer | AttemptFailure> {
    // Checked again here: the request may have waited in the limiter while the operation was stopped.
    if (ctx?.signal?.aborted) throw new AppFailure(appError('CANCELLED', `${req.what}: cancelled.`, { region }));
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, deps.limits.timeoutMs);
    const onCancel = () => controller.abort();
    ctx?.signal?.addEventListener('abort', onCancel);
    try {
      const res = await deps.fetch(req.url, {
        method: req.method,
        headers: req.headers,
        // Node's fetch takes a Uint8Array body; the DOM typings (used when tests type-check) are narrower.
        body: req.body as string | undefined,
        signal: controller.signal,
        redirect: 'manual',
      });
      const bytes = await readCapped(res, deps.limits.maxResponseBytes, () => controller.abort());
      if (bytes === 'too-large')
        return {
          retryable: false,
          error: appError('RESPONSE_TOO_LARGE', `${req.what}: the answer from region "${region}" is larger than ${deps.limits.maxResponseBytes} bytes; reading stopped.`, {
            region,
            hint: 'Check the region URL points at a Prismatic stack; raise the limit only if the answer is expected to be this large.',
            details: { maxBytes: deps.limits.maxResponseBytes },
          }),
        };
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return { retryable: false, error: appError('RESPONSE_INVALID', `${req.what}: region "${region}" answered with bytes that are not UTF-8 text.`, { region }) };
      }
      const answer: HttpAnswer = { status: res.status, contentType: res.headers.get('content-type') ?? '', text, headers: res.headers };
      if (RETRY_ALWAYS.has(res.status) || (res.status >= 500 && req.idempotent)) {
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now());
        if (res.status === 429) deps.limiter.backOff();
        const error =
          res.status === 429
            ? appError('RATE_LIMITED', `${req.what}: region "${region}" is rate-limiting requests (HTTP 429) and kept doing so after ${deps.limits.retries} retries.`, {
                region,
                hint: 'Wait a minute and try again, or lower the concurrency for this region.',
              })
            : appError('REMOTE_ERROR', `${req.what}: region "${region}" failed with HTTP ${res.status}${/<html|<!doctype/i.test(text.slice(0, 512)) ? ' (an HTML error page: a proxy or load balancer in the way?)' : ''} after ${deps.limits.retries} retries.`, {
                region,
                hint: 'The stack may be having trouble; try again later.',
                details: { status: res.status },
              });
        return { retryable: true, error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
      }
      return answer;
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      if (ctx?.signal?.aborted) throw new AppFailure(appError('CANCELLED', `${req.what}: cancelled.`, { region }));
      if (timedOut)
        return {
          retryable: req.idempotent,
          error: appError('TIMEOUT', `${req.what}: region "${region}" did not answer within ${deps.limits.timeoutMs} ms.`, {
            region,
            hint: 'Check the network path to the stack; the request may be retried safely.',
          }),
        };
      const code = networkCode(e);
      // A refused connection never reached the stack, so even a mutation is safe to repeat.
      const notSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
      return {
        retryable: req.idempotent || notSent,
        error: appError('REGION_UNREACHABLE', `${req.what}: cannot reach region "${region}" (${code ?? (e instanceof Error ? e.message : 'network error')}).`, {
          region,
          hint: 'Check the region URL and the network (VPN, proxy); snapshots already pulled still work offline.',
          ...(code ? { details: { cause: code } } : {}),
        }),
      };
    } finally {
      clearTimeout(timer);
      // Thousands of requests share one operation signal: leaving listeners behind would leak them.
      (ctx?.signal as { removeEventListener?: (t: 'abort', l: () => void) => void } | undefined)?.removeEventListener?.('abort', onCancel);
    }
  }

  return async function request(req: HttpRequest, ctx?: OpContext): Promise<HttpAnswer> {
    for (let n = 0; ; n++) {
      if (ctx?.signal?.aborted) throw new AppFailure(appError('CANCELLED', `${req.what}: cancelled.`, { region }));
      const result = await deps.limiter.run(() => attempt(req, ctx), req.urgent);
      if ('status' in result) return result;
      if (!result.retryable || n >= deps.limits.retries) throw new AppFailure(clean(result.error));
      const backoff = random() * Math.min(deps.limits.maxDelayMs, deps.limits.baseDelayMs * 2 ** n);
      const delay = result.retryAfterMs !== undefined ? Math.min(result.retryAfterMs, deps.limits.maxRetryAfterMs) + backoff / 4 : backoff;
      await sleep(delay);
    }
  };
}

export type HttpRequester = ReturnType<typeof createHttp>;
