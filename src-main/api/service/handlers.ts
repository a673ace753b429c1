/**
 * The handler table: every operation of the contract, checked for exhaustiveness by the
 * HandlerTable type. Promotion and bundles live in api/promotion (their own module).
 */
import type { HandlerTable } from './context';
import { diffItem, diffReport } from './diff-handlers';
import { driftMatrix } from './drift-handler';
import { promotionHandlers } from '../promotion/handlers';
import { instancesHandlers } from '../instances/handlers';
import { snapshotsPull } from './pull-handler';
import { regionsAdd, regionsClearToken, regionsRemove, regionsSetToken, regionsWhoami } from './region-handlers';
import { workspaceGet, workspaceOpen } from './workspace-handlers';

export const handlers = {
  'workspace.get': workspaceGet,
  'workspace.open': workspaceOpen,
  'regions.add': regionsAdd,
  'regions.remove': regionsRemove,
  'regions.setToken': regionsSetToken,
  'regions.clearToken': regionsClearToken,
  'regions.whoami': regionsWhoami,
  'snapshots.pull': snapshotsPull,
  'drift.matrix': driftMatrix,
  'diff.item': diffItem,
  'diff.report': diffReport,
  ...promotionHandlers,
  ...instancesHandlers,
} satisfies HandlerTable;
