/**
 * The loopback host over real sockets: token, Host and Origin checks, body limits, a real call,
 * server-sent progress events, and the static renderer with its CSP.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/api/dispatch';
import { createNodeDeps } from '../../src-main/composition/node-deps';
import { startHttpHost, type HttpHost } from '../../src-main/hosts/http';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let scratch: string;
let host: HttpHost;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const call = (op: string, params: unknown, headers: Record<string, string> = {}) =>
  send({ method: 'POST', path: `/api/${op}`, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers }, body: JSON.stringify(params) });

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'rs-http-test-'));
  const ws = path.join(scratch, 'ws');
  cpSync(path.join(repo, 'resources/demo'), ws, { recursive: true });
  const staticDir = path.join(scratch, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Region Sync</title><script type="module" src="/app.js"></script>');
  writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');
  writeFileSync(path.join(scratch, 'secret.txt'), 'outside the static folder');
  const api = createApi(createNodeDeps({ workspace: ws, secrets: new MemorySecretStore(), env: {} }));
  host = await startHttpHost(api, { staticDir });
});

afterAll(async () => {
  await host?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('loopback http host', () => {
  it('listens on 127.0.0.1 with a random port and a long per-launch token in the URL fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const missing = await send({ method: 'POST', path: '/api/workspace.get', body: '{}' });
    expect(missing.status).toBe(401);
    const wrong = await call('workspace.get', {}, { Authorization: `Bearer ${host.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain(host.token);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const r = await call('workspace.get', {}, { Host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
    const page = await send({ path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('refuses a foreign Origin with 403, accepts its own', async () => {
    expect((await call('workspace.get', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('workspace.get', {}, { Origin: `http://localhost:${host.port + 1}` })).status).toBe(403);
    expect((await call('workspace.get', {}, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('answers a good call with the reply value', async () => {
    const r = await call('workspace.get', {});
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    const reply = JSON.parse(r.body);
    expect(reply.ok).toBe(true);
    expect(reply.value.regions.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['us', 'eu']));
  });

  it('returns error values with HTTP 200, 404 for unknown operations, 413 for huge bodies', async () => {
    const bad = await call('diff.item', { kind: 'widgets', name: 'x', left: 'us', right: 'eu' });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await call('no.such.op', {})).status).toBe(404);
    const huge = await send({ method: 'POST', path: '/api/workspace.get', headers: { Authorization: `Bearer ${host.token}` }, body: Buffer.alloc(5 * 1024 * 1024 + 10, 32) });
    expect(huge.status).toBe(413);
  });

  it('streams progress events over SSE while a pull runs', async () => {
    const events: { type: string; region?: string; phase?: string }[] = [];
    const stream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${encodeURIComponent(host.token)}` }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
      }
    });
    const r = JSON.parse((await call('snapshots.pull', { regions: ['us'] })).body);
    expect(r.ok).toBe(true);
    await new Promise<void>((resolve) => {
      const check = () => (events.some((e) => e.type === 'snapshot-updated') ? resolve() : setTimeout(check, 20));
      check();
    });
    stream.destroy();
    expect(events.some((e) => e.type === 'progress' && e.region === 'us')).toBe(true);
  });

  it('refuses the event stream without the token', async () => {
    expect((await send({ path: '/api/events' })).status).toBe(401);
  });

  it('serves the renderer with a strict CSP, never index.html from cache, nothing outside its folder', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await send({ path: '/app.js' })).status).toBe(200);
    expect((await send({ path: '/../secret.txt' })).body).not.toContain('outside the static folder');
    expect((await send({ path: '/%2e%2e/secret.txt' })).body).not.toContain('outside the static folder');
  });
});
