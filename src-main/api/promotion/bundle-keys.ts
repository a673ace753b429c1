/**
 * The workspace's bundle signing key: the private key lives only in the SecretStore (account
 * `<workspaceId>/bundle-signing-key`), made on first use; its public key goes into the workspace's
 * `trustedSigners` under `<workspaceId>@<host>` so this workspace trusts its own bundles and the
 * key can be printed and carried to the other side of the air gap.
 */
import { fail } from '../../core/errors';
import { serializeWorkspaceConfig } from '../../core/workspace/config';
import type { ServiceContext } from '../service/context';
import type { BundleIO } from '../service/bundle-port';
import { CONFIG_FILE } from '../service/workspace-loader';

export const signingAccount = (workspaceId: string) => `${workspaceId}/bundle-signing-key`;

export function requireBundles(ctx: ServiceContext): BundleIO {
  const io = ctx.deps.bundles;
  if (!io) return fail('UNSUPPORTED', 'Bundles are not available in this runtime.', { hint: 'Use the desktop app or the region-sync command line.' });
  return io;
}

export function signerName(workspaceId: string, actor: string | undefined): string {
  const host = actor?.includes('@') ? actor.slice(actor.lastIndexOf('@') + 1) : 'local';
  return `${workspaceId}@${host || 'local'}`.slice(0, 100);
}

export interface SigningKey {
  signer: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export async function ensureSigningKey(ctx: ServiceContext): Promise<SigningKey> {
  const io = requireBundles(ctx);
  const ws = await ctx.workspace();
  const account = signingAccount(ws.id);
  const status = await ctx.deps.secrets.status();
  if (!status.available)
    fail('KEYCHAIN_UNAVAILABLE', `The OS keychain cannot be reached${status.reason ? `: ${status.reason}` : '.'}`, { hint: 'The bundle signing key lives in the keychain; start and unlock it.' });
  let privateKeyPem = await ctx.deps.secrets.get(account);
  let publicKeyPem: string;
  if (!privateKeyPem) {
    const pair = await io.generateKeyPair();
    await ctx.deps.secrets.set(account, pair.privateKeyPem);
    privateKeyPem = pair.privateKeyPem;
    publicKeyPem = pair.publicKeyPem;
  } else if (io.publicKeyOf) publicKeyPem = await io.publicKeyOf(privateKeyPem);
  else return fail('UNSUPPORTED', 'This runtime cannot derive the bundle public key.');
  const signer = signerName(ws.id, ctx.deps.actor);
  if (ws.config.trustedSigners?.[signer]?.trim() !== publicKeyPem.trim()) {
    const write = async () => {
      const current = await ctx.workspace();
      const config = { ...current.config, trustedSigners: { ...(current.config.trustedSigners ?? {}), [signer]: publicKeyPem.trim() } };
      await current.files.writeText(CONFIG_FILE, serializeWorkspaceConfig({ ...config, id: current.id }));
      if (ctx.openWorkspace) await ctx.openWorkspace(current.root);
      ctx.emit({ type: 'workspace-changed' });
    };
    await (ctx.exclusive ? ctx.exclusive(write) : write());
  }
  return { signer, privateKeyPem, publicKeyPem };
}
