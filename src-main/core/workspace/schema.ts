/**
 * The shape of `region-sync.yaml` (design.md "The workspace file"), as zod schemas. They live in
 * core so the pure config parser can use them; the api contract may import them from here (core
 * never imports api). Objects are strict: a misspelt key is an error with its line, not a setting
 * silently ignored.
 */
import { z } from 'zod';

export const REGION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/i;

export const regionIdSchema = z
  .string({ error: 'must be a text id' })
  .regex(REGION_ID_PATTERN, 'ids are letters, digits, - and _ (max 32, starting with a letter or digit)');

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code in capitals, e.g. DE');
const continentCode = z.enum(['NA', 'SA', 'EU', 'AF', 'AS', 'OC', 'AN'], {
  error: 'must be one of NA, SA, EU, AF, AS, OC, AN',
});

export const geographySchema = z.object({ country: countryCode.optional(), continent: continentCode.optional() }).strict();

export const regionConfigSchema = z
  .object({
    id: regionIdSchema,
    label: z.string().max(100).optional(),
    kind: z.enum(['prismatic', 'folder'], { error: 'kind must be "prismatic" (a live stack) or "folder" (a directory)' }),
    url: z.string().max(2000).optional(),
    tenant: z.string().max(100).optional(),
    path: z.string().min(1).max(1000).optional(),
    geography: geographySchema.optional(),
    org: z.string().max(200).optional(),
    maxAgeMinutes: z.number().int().positive().optional(),
  })
  .strict();

export const residencyPolicySchema = z
  .object({
    default: regionIdSchema.optional(),
    routes: z
      .array(z.object({ country: countryCode.optional(), continent: continentCode.optional(), region: regionIdSchema }).strict())
      .optional(),
    restrictions: z
      .array(
        z
          .object({
            customers: z
              .object({
                country: z.array(countryCode).optional(),
                continent: z.array(continentCode).optional(),
                externalId: z.array(z.string().min(1)).optional(),
              })
              .strict()
              .optional(),
            regions: z.array(regionIdSchema).min(1, 'list at least one region'),
            keep: z.boolean().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const workspaceConfigSchema = z
  .object({
    id: regionIdSchema.optional(),
    name: z.string({ error: 'name is required (shown in the UI)' }).min(1).max(200),
    baseline: regionIdSchema,
    regions: z.array(regionConfigSchema).min(1, 'list at least one region'),
    policy: residencyPolicySchema.optional(),
    ignore: z.array(z.string().min(1).max(1000)).optional(),
    trustedSigners: z.record(z.string().min(1).max(100), z.string().min(1).max(10_000)).optional(),
  })
  .strict();
