/**
 * A plan is bound to what the reviewer saw by its hash: sha256 of the canonical JSON of every
 * field but `hash`. Apply recomputes it, so a hand-edited plan is refused.
 *
 * The publish comment names the plan ("… plan <hash8>"), but the comment is part of what is
 * hashed, so the plan carries a placeholder that apply fills in with the plan's own hash.
 */
import { canonicalJson, sha256Hex } from '../hash';
import type { Plan, RegionWrite } from './types';

export const PLAN_HASH_PLACEHOLDER = '{plan}';

export function planHash(plan: Omit<Plan, 'hash'> | Plan): string {
  const { hash: _hash, ...rest } = plan as Plan;
  return sha256Hex(canonicalJson(rest));
}

/** True when the plan's content still hashes to its `hash`. */
export function verifyPlanHash(plan: Plan): boolean {
  return typeof plan.hash === 'string' && /^[0-9a-f]{64}$/.test(plan.hash) && planHash(plan) === plan.hash;
}

/** The write as it is sent to the region: the publish comment gets the plan's short hash. */
export function resolveWrite(write: RegionWrite, hash: string): RegionWrite {
  if (write.op !== 'publishIntegration') return write;
  return { ...write, comment: write.comment.split(PLAN_HASH_PLACEHOLDER).join(hash.slice(0, 8)) };
}
