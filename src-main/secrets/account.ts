/** How keychain entries are named, shared by every SecretStore user. */

/** The keychain service all Region Sync tokens are filed under. */
export const KEYCHAIN_SERVICE = 'region-sync';

/** One refresh token per workspace and region: `<workspaceId>/<regionId>`. */
export function tokenAccount(workspaceId: string, regionId: string): string {
  return `${workspaceId}/${regionId}`;
}
