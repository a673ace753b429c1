/** Text rendering of the instances view: one block per customer, one line per instance and region. */
import type { InstanceCellView, InstancesView } from '../../core/instances/types';

export function cellText(cell: InstanceCellView | undefined): string {
  if (!cell) return '—';
  const version = cell.version === null ? 'no version' : `v${cell.version}`;
  const parts = [cell.behind && cell.latest !== null ? `${version} (latest v${cell.latest})` : version];
  parts.push(cell.enabled ? 'enabled' : 'paused');
  parts.push(cell.needsDeploy ? 'needs deploy' : cell.deployed ? 'deployed' : 'not deployed');
  if (cell.unsetSecrets.length) parts.push(`unset: ${cell.unsetSecrets.join(', ')}`);
  if (cell.misplaced) parts.push(`misplaced (${cell.misplaced})`);
  return parts.join(', ');
}

export function instancesText(view: InstancesView): string {
  const lines: string[] = [];
  for (const r of view.regions.filter((x) => !x.known)) lines.push(`note: region ${r.id} has no snapshot; its instances are unknown`);
  for (const c of view.customers) {
    const where = [c.country, c.home ? `home ${c.home}` : undefined].filter(Boolean).join(', ');
    lines.push(`${c.name} (${c.externalId}${where ? `, ${where}` : ''})`);
    for (const row of c.rows) {
      lines.push(`  ${row.integration} / ${row.name}`);
      for (const region of view.regions) {
        const cell = row.cells[region.id];
        if (cell) lines.push(`    ${region.id}: ${cellText(cell)}`);
      }
      for (const key of row.differs) {
        const values = Object.values(row.cells).map((cell) => {
          const v = cell.configVars.find((x) => x.key === key);
          const shown = !v ? 'absent' : v.kind === 'value' ? JSON.stringify(v.value ?? '') : v.secret;
          return `${cell.region}=${shown}`;
        });
        lines.push(`    differs: ${key}: ${values.join(', ')}`);
      }
    }
    lines.push('');
  }
  if (view.customers.length === 0) lines.push('No instances.');
  return lines.join('\n').trimEnd();
}
