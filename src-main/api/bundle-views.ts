/** Bundle results (air gap). Filled in by the bundle module; kept apart so contract.ts stays small. */
export interface BundleFileEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface BundleManifest {
  format: 1;
  source: { region: string; org?: string; url?: string };
  target: string[];
  createdAt: string;
  sequence: number;
  signer: string;
  planHash: string;
  files: BundleFileEntry[];
}

export interface BundleInspection {
  path: string;
  manifest: BundleManifest;
  /** Signature checked against the workspace's trusted signers. */
  signature: { valid: boolean; signer?: string; trusted: boolean; reason?: string };
  /** Every file's SHA-256 matched the manifest. */
  intact: boolean;
  problems: string[];
  planSummary: string[];
}

export interface BundleCreated {
  path: string;
  manifest: BundleManifest;
}
