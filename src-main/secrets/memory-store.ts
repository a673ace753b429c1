/** An in-memory SecretStore for tests and for runs that must not touch the OS keychain. */
import type { SecretStore, SecretStoreStatus } from '../api/ports';

export class MemorySecretStore implements SecretStore {
  private readonly entries = new Map<string, string>();

  constructor(private readonly unavailableReason?: string) {}

  async status(): Promise<SecretStoreStatus> {
    return this.unavailableReason ? { available: false, reason: this.unavailableReason } : { available: true };
  }

  async get(account: string): Promise<string | null> {
    return this.entries.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.entries.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }
}
