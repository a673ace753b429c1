/** Plans: compute, preflight, hash and fingerprint (pure). */
export { computePlan, preflightErrors, regionFingerprint, type PlanInput } from './compute';
export { preflight, type PreflightInput } from './preflight';
export { fingerprint, itemHashes, itemRef, definitionHash, type ItemRef } from './fingerprint';
export { planHash, verifyPlanHash, resolveWrite, PLAN_HASH_PLACEHOLDER } from './hash';
export { definitionNeeds, type ComponentRef, type ComponentUse, type DefinitionNeeds } from './references';
export { withoutSecrets } from './steps';
export { touchedItems } from './touched';
export type * from './types';
