// One stack's in-memory data. Every stack owns its own StackState, so ids, version counters and
// records never leak between stacks started in the same process.
import { randomUUID } from 'node:crypto';
import { newId, nowIso } from './ids';
import type {
  ActionRec,
  ComponentRec,
  CustomerRec,
  InstanceRec,
  IntegrationFamily,
  IntegrationRec,
  UserRec,
} from './types';

export interface OrgRec {
  id: string;
  name: string;
  tenantId: string;
}

export interface UploadTarget {
  componentId: string;
  kind: 'package' | 'icon' | 'source' | 'connectionIcon' | 'connectionAvatar' | 'avatar';
  connectionKey?: string;
}

export class StackState {
  org: OrgRec;
  users: UserRec[] = [];
  readonly components = new Map<string, ComponentRec>();
  readonly actions = new Map<string, ActionRec>();
  readonly integrations = new Map<string, IntegrationRec>();
  readonly families = new Map<string, IntegrationFamily>();
  readonly customers = new Map<string, CustomerRec>();
  readonly instances = new Map<string, InstanceRec>();
  readonly uploads = new Map<string, UploadTarget>();
  /** The hidden customer that owns integrations' test ("system") instances. */
  readonly systemCustomerId: string;
  /** Reported by listUserTenants. */
  awsRegion = "us-east-1";

  constructor(orgName: string, tenantId: string = randomUUID()) {
    this.org = { id: newId('Organization'), name: orgName, tenantId };
    const system: CustomerRec = {
      id: newId('Customer'),
      name: 'Test Customer',
      externalId: null,
      description: 'Owns integration test instances',
      labels: [],
      isSystem: true,
      createdAt: nowIso(),
    };
    this.customers.set(system.id, system);
    this.systemCustomerId = system.id;
  }

  get currentUser(): UserRec {
    return this.users[0];
  }

  // ---- components ------------------------------------------------------------------------------

  /** All processed versions of one component identity (key, public, customer), ascending. */
  componentVersions(key: string, isPublic: boolean, customerId: string | null = null): ComponentRec[] {
    return [...this.components.values()]
      .filter((c) => c.ready && c.key === key && c.public === isPublic && (isPublic || c.customerId === customerId))
      .sort((a, b) => a.versionNumber - b.versionNumber);
  }

  /** Highest version number ever allocated, including versions still waiting for their package. */
  lastComponentNumber(key: string, isPublic: boolean, customerId: string | null): number {
    let max = 0;
    for (const c of this.components.values()) {
      if (c.key === key && c.public === isPublic && (isPublic || c.customerId === customerId)) {
        max = Math.max(max, c.versionNumber);
      }
    }
    return max;
  }

  latestComponents(): ComponentRec[] {
    const latest = new Map<string, ComponentRec>();
    for (const c of this.components.values()) {
      if (!c.ready) continue;
      const identity = `${c.key}\u0000${c.public}\u0000${c.customerId ?? ''}`;
      const current = latest.get(identity);
      if (!current || current.versionNumber < c.versionNumber) latest.set(identity, c);
    }
    return [...latest.values()];
  }

  // ---- integrations ----------------------------------------------------------------------------

  familyOf(integrationId: string): IntegrationFamily | undefined {
    const rec = this.integrations.get(integrationId);
    return rec ? this.families.get(rec.familyId) : undefined;
  }

  draftOf(family: IntegrationFamily): IntegrationRec {
    return this.integrations.get(family.draftId)!;
  }

  publishedVersions(family: IntegrationFamily): IntegrationRec[] {
    return family.versionIds.map((id) => this.integrations.get(id)!);
  }

  latestAvailableVersion(family: IntegrationFamily): IntegrationRec | undefined {
    return this.publishedVersions(family)
      .filter((v) => v.versionIsAvailable)
      .at(-1);
  }

  // ---- customers -------------------------------------------------------------------------------

  customerByExternalId(externalId: string): CustomerRec | undefined {
    return [...this.customers.values()].find((c) => c.externalId === externalId);
  }
}
