/**
 * regions.*: edit the workspace's region list (the config file is rewritten atomically through
 * the FileStore) and manage tokens, which go only to the SecretStore — never into the config.
 */
import { fail } from '../../core/errors';
import type { RegionConfig, WorkspaceConfig } from '../../core/model';
import { parseWorkspaceConfig, serializeWorkspaceConfig } from '../../core/workspace/config';
import type { SecretStoreStatus } from '../ports';
import type { Handler, OpenWorkspace, ServiceContext } from './context';
import { regionView, secretAccount } from './region-view';
import { CONFIG_FILE } from './workspace-loader';

const exclusively = <T>(ctx: ServiceContext, fn: () => Promise<T>): Promise<T> => (ctx.exclusive ? ctx.exclusive(fn) : fn());

async function requireKeychain(ctx: ServiceContext): Promise<void> {
  const status = await ctx.deps.secrets.status().catch((e: unknown): SecretStoreStatus => ({ available: false, reason: e instanceof Error ? e.message : String(e) }));
  if (!status.available)
    fail('KEYCHAIN_UNAVAILABLE', `The OS keychain cannot be reached${status.reason ? `: ${status.reason}` : '.'}`, {
      hint: status.hint || 'Start a Secret Service (e.g. gnome-keyring) and unlock it, or set PRISM_REFRESH_TOKEN for headless use.',
    });
}

function findRegion(ws: OpenWorkspace, id: string): RegionConfig {
  const region = ws.config.regions.find((r) => r.id === id);
  if (!region)
    fail('NOT_FOUND', `The workspace has no region "${id}".`, {
      region: id,
      hint: `Known regions: ${ws.config.regions.map((r) => r.id).join(', ') || '(none)'}.`,
    });
  return region;
}

function requirePrismatic(region: RegionConfig): void {
  if (region.kind !== 'prismatic')
    fail('REGION_NOT_PRISMATIC', `Region "${region.id}" is a ${region.kind} region; only Prismatic regions take a token.`, { region: region.id });
}

async function saveConfig(ctx: ServiceContext, ws: OpenWorkspace, config: WorkspaceConfig, change: string): Promise<void> {
  const text = serializeWorkspaceConfig({ ...config, id: ws.id });
  // Check the new file as it will be read back: a change that would leave it invalid (e.g. removing
  // a region the policy routes to) is refused and nothing is written.
  const check = parseWorkspaceConfig(text, `${ws.root}/${CONFIG_FILE}`);
  if (!check.ok)
    fail('INVALID_INPUT', `${change} would leave the workspace file invalid: ${check.error.message}`, {
      hint: check.error.hint ?? 'Edit region-sync.yaml first so nothing refers to it.',
      details: check.error.details,
    });
  await ws.files.writeText(CONFIG_FILE, text);
  if (ctx.openWorkspace) await ctx.openWorkspace(ws.root);
  ctx.emit({ type: 'workspace-changed' });
}

export const regionsAdd: Handler<'regions.add'> = ({ region, token }, ctx) =>
  exclusively(ctx, async () => {
    const ws = await ctx.workspace();
    if (ws.config.regions.some((r) => r.id === region.id))
      fail('INVALID_INPUT', `The workspace already has a region "${region.id}".`, { region: region.id, hint: 'Choose another id, or remove that region first.' });
    if (region.kind === 'prismatic' && !region.url)
      fail('INVALID_INPUT', `Prismatic region "${region.id}" needs a url (e.g. https://app.prismatic.io).`, { region: region.id });
    if (region.kind === 'folder' && !region.path)
      fail('INVALID_INPUT', `Folder region "${region.id}" needs a path (relative to the workspace folder).`, { region: region.id });
    if (token !== undefined && region.kind !== 'prismatic')
      fail('REGION_NOT_PRISMATIC', `Region "${region.id}" is a folder region; only Prismatic regions take a token.`, { region: region.id });
    // Store the token first: if the keychain is unavailable, nothing at all has changed.
    if (token !== undefined) {
      await requireKeychain(ctx);
      await ctx.deps.secrets.set(secretAccount(ws, region.id), token);
    }
    const config: WorkspaceConfig = { ...ws.config, regions: [...ws.config.regions, region as RegionConfig] };
    await saveConfig(ctx, ws, config, `Adding region "${region.id}"`);
    const reopened = await ctx.workspace();
    return regionView(ctx, reopened, findRegion(reopened, region.id));
  });

export const regionsRemove: Handler<'regions.remove'> = ({ region }, ctx) =>
  exclusively(ctx, async () => {
    const ws = await ctx.workspace();
    if (!ws.config.regions.some((r) => r.id === region)) return { removed: false };
    if (ws.config.baseline === region)
      fail('INVALID_INPUT', `Region "${region}" is the workspace's baseline.`, { region, hint: 'Make another region the baseline first.' });
    await saveConfig(ctx, ws, { ...ws.config, regions: ws.config.regions.filter((r) => r.id !== region) }, `Removing region "${region}"`);
    // The token of a removed region is useless and should not linger; a missing keychain is no reason to fail.
    await ctx.deps.secrets.delete(secretAccount(ws, region)).catch(() => false);
    return { removed: true };
  });

export const regionsSetToken: Handler<'regions.setToken'> = async ({ region, token }, ctx) => {
  const ws = await ctx.workspace();
  requirePrismatic(findRegion(ws, region));
  await requireKeychain(ctx);
  await ctx.deps.secrets.set(secretAccount(ws, region), token);
  ctx.emit({ type: 'workspace-changed' });
  return { stored: true, region };
};

export const regionsClearToken: Handler<'regions.clearToken'> = async ({ region }, ctx) => {
  const ws = await ctx.workspace();
  requirePrismatic(findRegion(ws, region));
  await requireKeychain(ctx);
  const removed = await ctx.deps.secrets.delete(secretAccount(ws, region));
  ctx.emit({ type: 'workspace-changed' });
  return { removed };
};

export const regionsWhoami: Handler<'regions.whoami'> = async ({ region }, ctx) => {
  const ws = await ctx.workspace();
  const config = findRegion(ws, region);
  requirePrismatic(config);
  const provider = await ctx.provider(region);
  const who = await provider.whoami();
  const stored = await ctx.deps.secrets.get(secretAccount(ws, region)).catch(() => null);
  return {
    region,
    endpoint: who.endpoint,
    authSource: stored !== null ? 'keychain' : 'env',
    ...(who.name !== undefined && { name: who.name }),
    ...(who.email !== undefined && { email: who.email }),
    ...(who.org !== undefined && { org: who.org }),
    ...(who.tenant !== undefined && { tenant: who.tenant }),
  };
};

export { findRegion };
