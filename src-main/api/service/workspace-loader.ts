/** Reads and validates a workspace's `region-sync.yaml` into an OpenWorkspace. */
import { AppFailure, fail } from '../../core/errors';
import { parseWorkspaceConfig } from '../../core/workspace/config';
import type { OpenWorkspace, ServiceDeps } from './context';

export const CONFIG_FILE = 'region-sync.yaml';

export async function loadWorkspace(deps: ServiceDeps, path?: string): Promise<OpenWorkspace> {
  const { root, isDemo } = await deps.locateWorkspace(path);
  const files = deps.openFileStore(root);
  const file = `${root.replace(/[\\/]+$/, '')}/${CONFIG_FILE}`;
  const text = await files.readText(CONFIG_FILE);
  if (text === null)
    fail('WORKSPACE_NOT_FOUND', `No ${CONFIG_FILE} in ${root}.`, {
      file,
      hint: `Create ${CONFIG_FILE} there (see the README), or pass --workspace with a folder that has one.`,
    });
  const parsed = parseWorkspaceConfig(text, file);
  if (!parsed.ok) throw new AppFailure(parsed.error);
  const config = parsed.value;
  // The id (explicit, else a slug of the name) keys keychain entries and binds plans to this workspace.
  return { id: config.id, root, isDemo, config, files };
}
