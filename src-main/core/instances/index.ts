/** Instances across regions, per customer: the view, in-place change plans, relocation plans (pure). */
export { buildInstancesView, isSecretVar, latestVersionOf, runState, varView } from './view';
export { planInstanceChanges, type InstanceAction, type InstanceChange, type InstanceChangesInput } from './changes';
export { planRelocation, connectionsToReenter, type RelocationInput } from './relocate';
export type * from './types';
