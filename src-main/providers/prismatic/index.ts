export { createPrismaticProvider, type PrismaticProvider, type PrismaticProviderEnv } from './provider';
export { DEFAULT_HTTP_LIMITS, redact, type HttpLimits } from './http';
export { CLIENT_NAME } from './graphql';
export { jwtExpiryMs } from './auth';
