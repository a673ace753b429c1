export { startHttpHost, MAX_BODY_BYTES, type HttpHost, type HttpHostOptions, type ServedApi } from './server';
export { CONTENT_SECURITY_POLICY } from './static-files';
