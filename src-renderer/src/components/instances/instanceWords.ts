/** Words for one instance cell, shared by the cell and its tests. */
import type { InstanceCellView } from '../../lib/api/types';

export function versionWords(cell: InstanceCellView): string {
  const v = cell.version === null ? 'no version' : `v${cell.version}`;
  return cell.behind && cell.latest !== null ? `${v} (latest v${cell.latest})` : v;
}

export function stateWords(cell: InstanceCellView): { run: string; deploy: string } {
  return {
    run: cell.enabled ? 'enabled' : 'paused',
    deploy: cell.needsDeploy ? 'needs deploy' : cell.deployed ? 'deployed' : 'not deployed',
  };
}

/** Which actions make sense for this cell (the host refuses the rest anyway). */
export function actionsFor(cell: InstanceCellView): { upgrade: boolean; pin: boolean; pause: boolean; unpause: boolean } {
  return {
    upgrade: cell.latest !== null && (cell.behind || cell.needsDeploy || !cell.deployed),
    pin: cell.version !== null && cell.version > 1,
    pause: cell.enabled,
    unpause: !cell.enabled,
  };
}
