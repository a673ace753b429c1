/** The bundle manifest, read from untrusted bytes: strict UTF-8, strict JSON, strict shape. */
import { z } from 'zod';
import { fail } from '../../core/errors';
import type { BundleManifest } from '../../api/bundle-views';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z
  .object({
    format: z.literal(1),
    source: z.object({ region: z.string().min(1).max(100), org: z.string().max(200).optional(), url: z.string().max(2000).optional() }).strict(),
    target: z.array(z.string().min(1).max(100)).max(16),
    createdAt: z.string().max(40),
    sequence: z.number().int().nonnegative(),
    signer: z.string().min(1).max(200),
    planHash: hex64,
    files: z.array(z.object({ path: z.string().min(1).max(1000), sha256: hex64, bytes: z.number().int().nonnegative() }).strict()).max(10_000),
  })
  .strict();

export function parseManifest(bytes: Uint8Array, file: string): BundleManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    fail('BUNDLE_INVALID', 'MANIFEST.json in the bundle is not valid UTF-8 JSON.', { file, hint: 'The bundle is damaged or was not made by region-sync.' });
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail('BUNDLE_INVALID', `MANIFEST.json in the bundle is not valid (${issue.path.map(String).join('.') || 'manifest'}: ${issue.message}).`, { file });
  }
  return parsed.data as BundleManifest;
}
