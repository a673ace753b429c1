/**
 * The loopback HTTP host: the same API table the Electron IPC host serves, for a browser.
 *   POST /api/<operation>   JSON params, `Authorization: Bearer <token>` → JSON Reply (200 even for error values)
 *   GET  /api/events?token= server-sent events, one `data: <ApiEvent JSON>` per event
 *   GET  anything else      the built renderer (static files), strict CSP
 * Listens on 127.0.0.1 only, on a random port by default, with a fresh random token per launch.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../../api/dispatch';
import { isOperationName } from '../../api/dispatch';
import { bearerToken, hostAllowed, originAllowed, tokenMatches } from './guards';
import { SECURITY_HEADERS, serveStatic } from './static-files';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;
const HEARTBEAT_MS = 25_000;

export type ServedApi = Pick<Api, 'callUnchecked' | 'onEvent'>;

export interface HttpHostOptions {
  port?: number;
  token?: string;
  staticDir?: string;
}

export interface HttpHost {
  /** Open this in a browser: the token travels in the fragment, which is never sent to a server or in a Referer. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  json(res, status, { ok: false, error: { code, message } });
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHttpHost(api: ServedApi, opts: HttpHostOptions = {}): Promise<HttpHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const streams = new Set<ServerResponse>();

  const handleCall = async (req: IncomingMessage, res: ServerResponse, op: string) => {
    if (!tokenMatches(bearerToken(req), token)) return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong token.');
    if (!isOperationName(op)) return refuse(res, 404, 'NOT_FOUND', `Unknown operation "${op.slice(0, 100)}".`);
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        // Close the connection after answering (not before: the client should see the 413), so
        // the rest of the body is never read and the socket is not reused.
        res.setHeader('Connection', 'close');
        refuse(res, 413, 'INVALID_INPUT', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
        res.on('finish', () => req.destroy());
        return;
      }
      throw e;
    }
    let params: unknown = {};
    if (body.length) {
      try {
        params = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
      } catch {
        return json(res, 200, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not valid UTF-8 JSON.' } });
      }
    }
    json(res, 200, await api.callUnchecked(op, params));
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    // EventSource cannot send headers, so the token may come in the query string as well.
    if (!tokenMatches(url.searchParams.get('token') ?? bearerToken(req), token)) return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong token.');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = api.onEvent((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('error', stop);
  };

  const server = createServer((req, res) => {
    const handle = async () => {
      if (!hostAllowed(req, port)) return refuse(res, 403, 'FORBIDDEN_ORIGIN', 'This host only answers to 127.0.0.1 and localhost.');
      if (!originAllowed(req, port)) return refuse(res, 403, 'FORBIDDEN_ORIGIN', 'Requests from other origins are refused.');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname === '/api/events') {
        if (req.method !== 'GET') return refuse(res, 405, 'INVALID_INPUT', 'Use GET for /api/events.');
        return handleEvents(req, res, url);
      }
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return refuse(res, 405, 'INVALID_INPUT', 'Use POST for API operations.');
        return handleCall(req, res, url.pathname.slice('/api/'.length));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'INVALID_INPUT', 'Only GET is served here.');
      return serveStatic(res, opts.staticDir, url.pathname, req.method === 'HEAD');
    };
    handle().catch(() => {
      // Never a stack to the client: the dispatcher already turns handler errors into values,
      // so reaching here means a transport fault.
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'The request could not be handled.');
      else res.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0; // SSE streams are long-lived.

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
