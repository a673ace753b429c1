/**
 * The one Content-Security-Policy of the app, sent by the loopback host, set by the Electron
 * session, and written into the built index.html (for file:// pages, where no header applies).
 * Scripts only from our own files (no inline script, no eval), connections only back to the
 * host that served the page. Svelte's dynamic styles go through the CSSOM (element.style), which
 * CSP does not restrict, so no 'unsafe-inline' is needed.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** frame-ancestors is honoured only in a header, never in a <meta> tag. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');
