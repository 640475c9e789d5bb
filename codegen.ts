// graphql-codegen (run by `npm run generate`): the server's resolver types and the console's typed
// documents (client preset: every graphql(`...`) call in web/src gets its result and variable types).
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
          OrganizationalUnit: '../domain/organizational-unit#OrganizationalUnit as OrganizationalUnitModel',
          Account: '../domain/account#Account as AccountModel',
          Policy: '../domain/organization-policy#PolicySummary as PolicyModel',
          PolicyAttachment: '../domain/policy-attachment#PolicyAttachment as PolicyAttachmentModel',
          Tag: '../domain/tag#Tag as TagModel',
          CreateAccountStatus: '../domain/create-account#CreateAccountStatus as CreateAccountStatusModel',
          EffectivePolicy: '../domain/account-effective-policy#AccountEffectivePolicy as EffectivePolicyModel',
          AccountPolicyImpact: '../domain/account-effective-policy#AccountPolicyImpact as AccountPolicyImpactModel',
          PolicyChangePreview: '../domain/account-effective-policy#PolicyChangePreview as PolicyChangePreviewModel',
          PolicyValueProvenance: '../domain/policy#ProvenanceEntry as ProvenanceEntryModel',
          IgnoredPolicyChange: '../domain/policy#IgnoredChange as IgnoredChangeModel',
          InvalidEffectivePolicy: '../graphql/resolvers/invalid-effective-policies#InvalidEffectivePolicyModel',
          EffectivePolicyValidationError: '../domain/policy#EffectivePolicyValidationError as EffectivePolicyValidationErrorModel',
          PolicyDiagnostic: '../domain/policy#Diagnostic as DiagnosticModel',
          AuditEvent: '../domain/audit-log#AuditEventRecord as AuditEventModel',
          AuditEventConnection: '../graphql/resolvers/audit-connection#AuditEventConnectionModel',
          PolicyVersion: '../domain/audit-log#PolicyVersion as PolicyVersionModel',
          TargetChange: '../domain/audit-log#TargetChange as TargetChangeModel',
          AuditChainVerification: '../domain/audit-log#ChainVerification as ChainVerificationModel',
          ApiKey: '../domain/api-key-admin#ApiKeyRecord as ApiKeyModel',
          AiOptOutPosture: '../domain/ai-opt-out#AiOptOutPostureReport as AiOptOutPostureModel',
          AiAccountPosture: '../domain/ai-opt-out#AccountPosture as AiAccountPostureModel',
          AiServicePosture: '../domain/ai-opt-out#ServicePosture as AiServicePostureModel',
          AiOuPostureTotals: '../domain/ai-opt-out#OuPostureTotals as AiOuPostureTotalsModel',
          AiServicePostureTotals: '../domain/ai-opt-out#ServiceTotals as AiServicePostureTotalsModel',
        },
        enumsAsTypes: true,
        scalars: { DateTime: 'Date | string', JSON: 'unknown' },
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
      },
    },
    'web/src/gql/': {
      preset: 'client',
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
      // Plain strings instead of parsed ASTs: the bundle needs no graphql runtime to send them.
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
