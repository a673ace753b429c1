/** Which items of a target a set of steps writes: resume leaves them out of the stale check. */
import { componentKey, instanceKey } from '../model';
import { itemRef, type ItemRef } from './fingerprint';
import type { PlanStep } from './types';

export function touchedItems(steps: readonly PlanStep[]): Set<ItemRef> {
  const out = new Set<ItemRef>();
  for (const { write: w } of steps) {
    switch (w.op) {
      case 'publishComponent':
        out.add(itemRef('components', componentKey(w)));
        break;
      case 'importIntegration':
      case 'publishIntegration':
        out.add(itemRef('integrations', w.name));
        break;
      case 'upsertCustomer':
        out.add(itemRef('customers', w.customer.externalId));
        break;
      case 'createInstance':
        out.add(itemRef('instances', instanceKey(w.instance)));
        break;
      default:
        out.add(itemRef('instances', instanceKey(w.instance)));
    }
  }
  return out;
}
