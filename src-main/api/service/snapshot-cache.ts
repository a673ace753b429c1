/**
 * The snapshot cache: the last pull of each region, kept at `.region-sync/snapshots/<region>.json`
 * so every view can run offline ("as of 10:42"). Files are validated on load: a corrupt or
 * hand-edited cache is a coded error naming the file (pull again to replace it), never a crash
 * deep inside a view. Saving goes through the same schema, which strips anything that is not part
 * of a snapshot (so no token or stray field can be written) and drops the values of secrets.
 */
import { z } from 'zod';
import { AppFailure, appError, fail } from '../../core/errors';
import type { Snapshot } from '../../core/model';
import { REGION_ID_PATTERN } from '../../core/workspace/schema';
import type { FileStore } from '../ports';
import type { SnapshotCache } from './context';

export const SNAPSHOT_DIR = '.region-sync/snapshots';
const FORMAT = 1;

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional();

const inputSpec = z.object({
  key: str,
  label: opt(str),
  type: opt(str),
  required: opt(z.boolean()),
  default: opt(str.nullable()),
  collection: opt(str.nullable()),
});
const actionSpec = z.object({ key: str, label: opt(str), inputs: z.array(inputSpec) });

const snapshotSchema = z.object({
  regionId: str.regex(REGION_ID_PATTERN),
  capturedAt: str,
  source: z.object({ kind: z.enum(['prismatic', 'folder']), url: opt(str), path: opt(str), org: opt(str), tenant: opt(str) }),
  components: z.array(
    z.object({
      key: str,
      isPublic: z.boolean(),
      label: opt(str),
      description: opt(str),
      remoteId: opt(str),
      versions: z.array(
        z.object({
          number: z.number(),
          signature: str,
          publishedAt: opt(str),
          actions: z.array(actionSpec),
          triggers: z.array(actionSpec),
          dataSources: z.array(actionSpec),
          connections: z.array(actionSpec),
        }),
      ),
    }),
  ),
  integrations: z.array(
    z.object({
      name: str,
      yaml: str,
      versions: z.array(
        z.object({ number: z.number(), publishedAt: opt(str), comment: opt(str), definitionHash: opt(str), remoteId: opt(str) }),
      ),
      hasUnpublishedChanges: opt(z.boolean()),
      isCodeNative: opt(z.boolean()),
      remoteId: opt(str),
    }),
  ),
  customers: z.array(
    z.object({ externalId: str, name: str, country: opt(str), labels: opt(z.array(str)), remoteId: opt(str) }),
  ),
  instances: z.array(
    z.object({
      customer: str,
      integration: str,
      name: str,
      version: z.number().nullable(),
      enabled: z.boolean(),
      deployed: z.boolean(),
      needsDeploy: opt(z.boolean()),
      labels: z.array(str),
      configVars: z.array(
        z.object({ key: str, value: opt(str.nullable()), secret: opt(z.enum(['set', 'unset'])), kind: opt(z.enum(['value', 'connection'])) }),
      ),
      flowConfigs: opt(z.array(z.object({ flow: str, webhookUrl: opt(str) }))),
      remoteId: opt(str),
    }),
  ),
});

const cacheFileSchema = z.object({ format: z.literal(FORMAT), snapshot: snapshotSchema });

export function snapshotPath(region: string): string {
  if (!REGION_ID_PATTERN.test(region)) fail('INVALID_INPUT', `"${region}" is not a region id.`);
  return `${SNAPSHOT_DIR}/${region}.json`;
}

/** Secrets and connections are stored as set/unset only, whatever the provider handed over. */
function withoutSecretValues(snapshot: Snapshot): Snapshot {
  return {
    ...snapshot,
    instances: snapshot.instances.map((i) => ({
      ...i,
      configVars: i.configVars.map((v) => {
        if (v.secret === undefined && v.kind !== 'connection') return v;
        const { value, ...rest } = v;
        return { ...rest, secret: v.secret ?? (value ? 'set' : 'unset') };
      }),
    })),
  };
}

function corrupt(file: string, why: string): AppFailure {
  return new AppFailure(
    appError('INVALID_INPUT', `The cached snapshot ${file} is unreadable: ${why}.`, {
      file,
      hint: 'Pull the region again; that replaces the cached snapshot.',
    }),
  );
}

export function createSnapshotCache(files: FileStore): SnapshotCache {
  return {
    async load(region) {
      const file = snapshotPath(region);
      const text = await files.readText(file);
      if (text === null) return null;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw corrupt(file, 'it is not valid JSON');
      }
      const parsed = cacheFileSchema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw corrupt(file, `${issue.path.join('.') || 'top level'}: ${issue.message}`);
      }
      const snapshot = parsed.data.snapshot as Snapshot;
      if (snapshot.regionId !== region) throw corrupt(file, `it holds region "${snapshot.regionId}", not "${region}"`);
      return snapshot;
    },

    async save(snapshot) {
      const file = snapshotPath(snapshot.regionId);
      const parsed = snapshotSchema.safeParse(withoutSecretValues(snapshot));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        fail('INTERNAL', `Refusing to cache an invalid snapshot of ${snapshot.regionId}: ${issue.path.join('.')}: ${issue.message}.`);
      }
      await files.writeText(file, `${JSON.stringify({ format: FORMAT, snapshot: parsed.data })}\n`);
    },
  };
}
