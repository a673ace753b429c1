/**
 * Promotion and bundle operations. Until api/promotion/handlers.ts is wired in, these answer
 * UNSUPPORTED (the CLI's `promote` has its own minimal folder-region path meanwhile).
 */
import { fail } from '../../core/errors';
import type { HandlerTable } from './context';

type PromotionOps = 'plan.create' | 'plan.apply' | 'runs.list' | 'runs.rollback' | 'bundle.create' | 'bundle.inspect' | 'bundle.apply';

const unsupported = (op: string) => async (): Promise<never> =>
  fail('UNSUPPORTED', `${op} is not available in this build yet.`, { hint: 'Use `region-sync promote` for folder regions meanwhile.' });

export const promotionHandlers: Pick<HandlerTable, PromotionOps> = {
  'plan.create': unsupported('plan.create'),
  'plan.apply': unsupported('plan.apply'),
  'runs.list': async () => ({ runs: [] }),
  'runs.rollback': unsupported('runs.rollback'),
  'bundle.create': unsupported('bundle.create'),
  'bundle.inspect': unsupported('bundle.inspect'),
  'bundle.apply': unsupported('bundle.apply'),
};
