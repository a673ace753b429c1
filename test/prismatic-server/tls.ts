// prism always exchanges tokens at https://{domain}/oauth/token (§8), so a stack answers TLS on
// its plain-HTTP port: the first byte of each connection decides (0x16 starts a TLS handshake).
// One self-signed certificate per process, made with openssl, serves every stack; tests hand its
// path to prism through NODE_EXTRA_CA_CERTS.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface CertFiles {
  certPath: string;
  key: Buffer;
  cert: Buffer;
}

let certPromise: Promise<CertFiles> | undefined;

async function makeCert(): Promise<CertFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'prismatic-stack-tls-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2',
    '-keyout', keyPath, '-out', certPath,
  ]);
  return { certPath, key: readFileSync(keyPath), cert: readFileSync(certPath) };
}

export function sharedCert(): Promise<CertFiles> {
  certPromise ??= makeCert().catch((e) => {
    certPromise = undefined;
    throw e;
  });
  return certPromise;
}

/** A TCP server that hands each connection to the https or the http server by its first byte. */
export function dualProtocolServer(http: HttpServer, https: HttpsServer | null, sockets: Set<Socket>): Server {
  return createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (first) => {
      socket.pause();
      socket.unshift(first);
      const target = https && first[0] === 0x16 ? https : http;
      target.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
}
