/**
 * A plan arrives from a file, the renderer or a bundle: its hash proves it was not edited after
 * review, but anyone can compute a hash, so its shape is checked in full too before any field is
 * trusted.
 */
import { z } from 'zod';
import { fail } from '../../core/errors';
import { verifyPlanHash } from '../../core/plan/hash';
import type { Plan } from '../../core/plan/types';

const text = z.string().max(100_000);
const ref = z.object({ customer: text, integration: text, name: text }).strict();
const configVar = z
  .object({ key: text, value: z.string().max(1_000_000).nullable().optional(), secret: z.enum(['set', 'unset']).optional(), kind: z.enum(['value', 'connection']).optional() })
  .strict();
const customer = z
  .object({ externalId: text, name: text, country: text.optional(), labels: z.array(text).optional(), remoteId: text.optional() })
  .strict();
const instance = z
  .object({
    customer: text,
    integration: text,
    name: text,
    version: z.number().int().nullable(),
    enabled: z.boolean(),
    deployed: z.boolean(),
    needsDeploy: z.boolean().optional(),
    labels: z.array(text),
    configVars: z.array(configVar),
    flowConfigs: z.array(z.object({ flow: text, webhookUrl: text.optional() }).strict()).optional(),
    remoteId: text.optional(),
  })
  .strict();

const write = z.discriminatedUnion('op', [
  z.object({ op: z.literal('publishComponent'), key: text, isPublic: z.boolean(), signature: text, label: text.optional(), packageFile: text.optional() }).strict(),
  z.object({ op: z.literal('importIntegration'), name: text, yaml: z.string().max(50_000_000), mode: z.enum(['create', 'overwrite-draft']) }).strict(),
  z.object({ op: z.literal('publishIntegration'), name: text, comment: text, definitionHash: text }).strict(),
  z.object({ op: z.literal('upsertCustomer'), customer }).strict(),
  z.object({ op: z.literal('createInstance'), instance, versionFromPublishOf: text.optional() }).strict(),
  z.object({ op: z.literal('setInstanceVersion'), instance: ref, version: z.union([z.number().int(), z.literal('latest-published')]) }).strict(),
  z.object({ op: z.literal('deployInstance'), instance: ref }).strict(),
  z.object({ op: z.literal('setInstanceEnabled'), instance: ref, enabled: z.boolean() }).strict(),
]);

const fingerprint = z.object({ region: text, fingerprint: text, capturedAt: text }).strict();

export const fullPlanSchema = z
  .object({
    format: z.literal(1),
    workspace: z.object({ name: text, id: text }).strict(),
    createdAt: text,
    source: fingerprint,
    targets: z.array(fingerprint).min(1),
    items: z.array(z.object({ kind: z.enum(['components', 'integrations', 'customers', 'instances']), name: text }).strict()),
    instances: z.union([z.enum(['all', 'none']), z.array(text)]),
    steps: z.array(
      z
        .object({
          id: text,
          target: text,
          write,
          description: text,
          tag: z.enum(['creates', 'overwrites-draft', 'no-change', 'updates']),
          after: z.array(text).optional(),
        })
        .strict(),
    ),
    preflight: z.array(
      z
        .object({ level: z.enum(['error', 'warning']), code: text, target: text, item: text.optional(), step: text.optional(), message: text, hint: text.optional() })
        .strict(),
    ),
    hash: z.string(),
  })
  .strict();

/** Parses an untrusted plan: PLAN_INVALID when its shape is wrong or its content no longer matches its hash. */
export function checkPlan(value: unknown, file?: string): Plan {
  const parsed = fullPlanSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail('PLAN_INVALID', `The plan is not a valid region-sync plan (${issue.path.map(String).join('.') || 'plan'}: ${issue.message}).`, {
      ...(file ? { file } : {}),
      hint: 'Create it again with region-sync plan.',
    });
  }
  const plan = parsed.data as Plan;
  if (!verifyPlanHash(plan))
    fail('PLAN_INVALID', 'The plan was changed after it was created: its content does not match its hash.', {
      ...(file ? { file } : {}),
      hint: 'Plans are approved as reviewed; create a new plan with region-sync plan and review it again.',
    });
  const ids = new Set<string>();
  for (const s of plan.steps) {
    if (ids.has(s.id)) fail('PLAN_INVALID', `The plan has two steps with id ${s.id}.`, { hint: 'Create it again with region-sync plan.' });
    ids.add(s.id);
    if (!plan.targets.some((t) => t.region === s.target)) fail('PLAN_INVALID', `Step ${s.id} writes to ${s.target}, which is not one of the plan's targets.`);
  }
  return plan;
}
