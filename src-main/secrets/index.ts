export { KEYCHAIN_SERVICE, tokenAccount } from './account';
export { KeytarSecretStore, explainKeychainError, type KeytarStoreOptions } from './keytar-store';
export { MemorySecretStore } from './memory-store';
export { DEFAULT_PRISMATIC_URL, envStack, resolveRefreshToken, type ResolvedToken } from './token-source';
