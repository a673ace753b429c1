/** Region providers by kind: folder regions read a directory, prismatic regions talk GraphQL. */
import type { ProviderFactory, SecretStore } from '../api/ports';
import { createFolderProvider } from '../providers/folder';
import { createPrismaticProvider } from '../providers/prismatic';

export function createProviderFactory(opts: { secrets: SecretStore; env: NodeJS.ProcessEnv }): ProviderFactory {
  return {
    create(region, where) {
      if (region.kind === 'folder') return createFolderProvider(region, { workspaceRoot: where.workspaceRoot });
      return createPrismaticProvider(region, { workspaceId: where.workspaceId, secrets: opts.secrets, env: opts.env });
    },
  };
}
