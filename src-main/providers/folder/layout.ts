/**
 * Where things live in a folder region (design.md "Folder region layout") and the shape of each
 * file. Only integration definitions are kept exactly as exported; every other file is ours, so
 * it is validated strictly and written in a fixed key order that diffs well in git.
 */
import { z } from 'zod';
import { encodeName } from './names';

export const REGION_FILE = 'region.yaml';
export const CUSTOMERS_FILE = 'customers.yaml';
export const COMPONENTS_DIR = 'components';
export const PACKAGES_DIR = 'components/packages';
export const INTEGRATIONS_DIR = 'integrations';
export const INSTANCES_DIR = 'instances';
export const VERSIONS_SUFFIX = '.versions.yaml';
export const YAML_SUFFIX = '.yaml';

export const integrationPath = (name: string) => `${INTEGRATIONS_DIR}/${encodeName(name)}${YAML_SUFFIX}`;
export const versionsPath = (name: string) => `${INTEGRATIONS_DIR}/${encodeName(name)}${VERSIONS_SUFFIX}`;
export const customerDir = (externalId: string) => `${INSTANCES_DIR}/${encodeName(externalId)}`;

const text = z.string().max(10_000);
const isoTime = z.string().max(64);

export const regionFileSchema = z
  .object({
    id: z.string().max(64).optional(),
    label: z.string().max(200).optional(),
    url: z.string().max(2000).optional(),
    org: z.string().max(200).optional(),
    tenant: z.string().max(200).optional(),
    geography: z.object({ country: z.string().max(2).optional(), continent: z.string().max(2).optional() }).strict().optional(),
    /** Present when the folder is a capture of another region at that time (an export, a bundle). */
    capturedAt: isoTime.optional(),
  })
  .strict();
export type RegionFile = z.infer<typeof regionFileSchema>;

const inputSpecSchema = z
  .object({
    key: z.string().min(1).max(500),
    label: text.optional(),
    type: z.string().max(100).optional(),
    required: z.boolean().optional(),
    default: z.string().max(100_000).nullable().optional(),
    collection: z.string().max(100).nullable().optional(),
  })
  .strict();

const actionSpecSchema = z
  .object({ key: z.string().min(1).max(500), label: text.optional(), inputs: z.array(inputSpecSchema).default([]) })
  .strict();

export const componentFileSchema = z
  .object({
    key: z.string().min(1).max(500),
    isPublic: z.boolean(),
    label: text.optional(),
    description: text.optional(),
    versions: z
      .array(
        z
          .object({
            number: z.number().int().nonnegative(),
            signature: z.string().min(1).max(200),
            publishedAt: isoTime.optional(),
            actions: z.array(actionSpecSchema).default([]),
            triggers: z.array(actionSpecSchema).default([]),
            dataSources: z.array(actionSpecSchema).default([]),
            connections: z.array(actionSpecSchema).default([]),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const versionsFileSchema = z
  .object({
    versions: z
      .array(
        z
          .object({
            number: z.number().int().positive(),
            publishedAt: isoTime.optional(),
            comment: text.optional(),
            definitionHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex').optional(),
          })
          .strict(),
      )
      .default([]),
    /** Only needed when the latest version carries no hash to compare the draft with. */
    hasUnpublishedChanges: z.boolean().optional(),
  })
  .strict();

export const customersFileSchema = z
  .object({
    customers: z
      .array(
        z
          .object({
            externalId: z.string().min(1).max(500),
            name: z.string().min(1).max(500),
            country: z.string().max(2).optional(),
            labels: z.array(z.string().max(200)).optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const instanceFileSchema = z
  .object({
    name: z.string().min(1).max(500).optional(),
    integration: z.string().min(1).max(500),
    version: z.number().int().positive().nullable(),
    enabled: z.boolean(),
    deployed: z.boolean(),
    needsDeploy: z.boolean().optional(),
    labels: z.array(z.string().max(200)).default([]),
    configVars: z
      .array(
        z
          .object({
            key: z.string().min(1).max(500),
            value: z.string().max(100_000).nullable().optional(),
            secret: z.enum(['set', 'unset']).optional(),
            kind: z.enum(['value', 'connection']).optional(),
          })
          .strict(),
      )
      .default([]),
    flowConfigs: z.array(z.object({ flow: z.string().min(1).max(500), webhookUrl: z.string().max(2000).optional() }).strict()).optional(),
  })
  .strict();
