/** Serves the built renderer (dist/renderer) with a strict CSP; nothing outside that folder. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../csp';

export { CONTENT_SECURITY_POLICY };

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

async function fileIfExists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

export async function serveStatic(res: ServerResponse, staticDir: string | undefined, urlPath: string, head: boolean): Promise<void> {
  if (!staticDir) return send(res, 404, 'No renderer is being served by this host.');
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return send(res, 400, 'Bad path.');
  }
  if (decoded.includes('\0')) return send(res, 400, 'Bad path.');
  const root = path.resolve(staticDir);
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  let file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return send(res, 404, 'Not found.');
  if (!(await fileIfExists(file))) {
    // Paths without an extension are app routes: answer with the app itself.
    if (path.extname(file) !== '') return send(res, 404, 'Not found.');
    file = path.join(root, 'index.html');
    if (!(await fileIfExists(file))) return send(res, 404, 'The renderer has not been built (run `npm run build`).');
  }
  const isIndex = path.basename(file) === 'index.html';
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    // index.html names the hashed bundles, so it must never be cached; the bundles may be.
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (head) return void res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
