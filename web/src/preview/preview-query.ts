import { graphql } from '../gql';

/** The policies of a type, with what the update form needs (document and hash). */
export const PreviewPoliciesQuery = graphql(`
  query ConsolePreviewPolicies($type: PolicyType!) {
    policies(type: $type, first: 1000) {
      edges {
        node {
          id
          name
          awsManaged
          content
          contentHash
        }
      }
    }
  }
`);

export const PreviewQuery = graphql(`
  query ConsolePreviewPolicyChange($type: PolicyType!, $changes: [PolicyChangeInput!]!) {
    previewPolicyChange(type: $type, changes: $changes) {
      appliesInAllRegions
      requiredAcknowledgements
      diagnostics {
        severity
        code
        path
        message
      }
      impacts {
        account {
          id
          name
        }
        deletesStoredContent
        deletedContentServices
        resumesContentUse
        diff {
          ...PolicyDiffFields
        }
      }
    }
  }
`);

export const AttachMutation = graphql(`
  mutation ConsoleAttachPolicy($policyId: ID!, $targetId: ID!, $idempotencyKey: String, $acknowledge: [Acknowledgement!]) {
    attachPolicy(policyId: $policyId, targetId: $targetId, idempotencyKey: $idempotencyKey, acknowledge: $acknowledge) {
      auditEventId
    }
  }
`);

export const DetachMutation = graphql(`
  mutation ConsoleDetachPolicy($policyId: ID!, $targetId: ID!, $idempotencyKey: String, $acknowledge: [Acknowledgement!]) {
    detachPolicy(policyId: $policyId, targetId: $targetId, idempotencyKey: $idempotencyKey, acknowledge: $acknowledge) {
      auditEventId
    }
  }
`);

export const UpdateMutation = graphql(`
  mutation ConsoleUpdatePolicy($input: UpdatePolicyInput!) {
    updatePolicy(input: $input) {
      auditEventId
    }
  }
`);
