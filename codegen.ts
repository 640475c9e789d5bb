// graphql-codegen: resolver types generated from schema.graphql (run by `npm run generate`).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useIndexSignature: true,
        contextType: '../graphql/context#GraphQLContext',
        mappers: {
          Organization: '../domain/organization#Organization as OrganizationModel',
          Root: '../domain/organization#Root as RootModel',
        },
        enumsAsTypes: true,
        scalars: { DateTime: 'Date | string', JSON: 'unknown' },
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
      },
    },
  },
};
export default config;
