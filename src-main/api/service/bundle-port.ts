/**
 * Bundles need tar, files and Ed25519: node things, so the service reaches them through this port
 * (implemented in providers/bundle). The private signing key lives in the SecretStore.
 */
import type { Plan } from '../../core/plan/types';
import type { BundleCreated, BundleInspection } from '../bundle-views';

export interface BundleContent {
  plan: Plan;
  /** Relative path → UTF-8 text (integration YAML, snapshot JSON, review report). */
  files: Record<string, string>;
  /** Relative path in the bundle → absolute path of a component package on disk. */
  packages?: Record<string, string>;
}

export interface BundleIO {
  create(out: string, content: BundleContent, meta: { sequence: number; signer: string; privateKeyPem: string; source: { region: string; org?: string; url?: string } }): Promise<BundleCreated>;
  /** Verifies signature against trusted keys and every file hash; extracts only into a fresh temp dir. */
  inspect(path: string, trusted: Record<string, string>): Promise<BundleInspection & { content?: BundleContent }>;
  generateKeyPair(): Promise<{ publicKeyPem: string; privateKeyPem: string }>;
  /** The public key (SPKI PEM) of a private key, to show and trust it (`region-sync bundle key`). */
  publicKeyOf?(privateKeyPem: string): Promise<string>;
}
