/**
 * The promotion and bundle operations of the contract, for the service's handler table.
 */
import type { HandlerTable } from '../service/context';
import { planApply, planCreate } from './apply';
import { bundleApply, bundleCreate, bundleInspect } from './bundle-handlers';
import { runsList, runsRollback } from './rollback';

export type PromotionOps = 'plan.create' | 'plan.apply' | 'runs.list' | 'runs.rollback' | 'bundle.create' | 'bundle.inspect' | 'bundle.apply';

export const promotionHandlers: Pick<HandlerTable, PromotionOps> = {
  'plan.create': planCreate,
  'plan.apply': planApply,
  'runs.list': runsList,
  'runs.rollback': runsRollback,
  'bundle.create': bundleCreate,
  'bundle.inspect': bundleInspect,
  'bundle.apply': bundleApply,
};

export { setJournalHook } from './runner';
export { applyPlan } from './apply';
export { checkPlan } from './plan-schema';
export { signingAccount, ensureSigningKey } from './bundle-keys';
