// authenticatedUser and listUserTenants (§2.1). The stack's refresh token belongs to its first user.
import type { ResolverMap } from './context';

export interface TenantInfo {
  awsRegion: string;
}

export const identityResolvers: ResolverMap = {
  Query: {
    authenticatedUser: (_s, _a, ctx) => ({
      ...ctx.state.currentUser,
      tenantId: ctx.state.org.tenantId,
      org: ctx.state.org,
      customer: null,
    }),
    listUserTenants: (_s, _a, ctx) => ({
      nodes: [
        {
          tenantId: ctx.state.org.tenantId,
          url: ctx.baseUrl,
          orgName: ctx.state.org.name,
          awsRegion: ctx.state.awsRegion,
          systemSuspended: false,
        },
      ],
    }),
  },
};
