// Binds the per-domain resolver maps onto the schema built from SDL, graphql-tools style.
import type { GraphQLSchema } from 'graphql';
import { isObjectType } from 'graphql';
import { componentResolvers } from './components';
import type { ResolverMap } from './context';
import { identityResolvers } from './identity';
import { instanceResolvers } from './instances';
import { integrationResolvers } from './integrations';

const maps: ResolverMap[] = [identityResolvers, componentResolvers, integrationResolvers, instanceResolvers];

export function attachResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`Resolver map names unknown type ${typeName}`);
      const typeFields = type.getFields();
      for (const [fieldName, resolve] of Object.entries(fields)) {
        const field = typeFields[fieldName];
        if (!field) throw new Error(`Resolver map names unknown field ${typeName}.${fieldName}`);
        field.resolve = (source, args, ctx) => resolve(source, args, ctx);
      }
    }
  }
  return schema;
}
