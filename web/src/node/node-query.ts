import { graphql } from '../gql';

export const NodeQuery = graphql(`
  query ConsoleNode($id: ID!) {
    roots {
      id
      policyTypes {
        type
        status
      }
    }
    node(id: $id) {
      __typename
      id
      arn
      ... on Root {
        name
        tags {
          key
          value
        }
        children {
          __typename
          id
          name
        }
      }
      ... on OrganizationalUnit {
        name
        tags {
          key
          value
        }
        path {
          id
          name
        }
        children {
          __typename
          id
          name
        }
      }
      ... on Account {
        name
        email
        state
        joinedMethod
        joinedAt
        tags {
          key
          value
        }
        path {
          id
          name
        }
      }
    }
  }
`);

/** One policy type at a node: every policy that applies (attached here or inherited) and, for an account, its effective policy. */
export const NodePoliciesOfTypeQuery = graphql(`
  query ConsoleNodePoliciesOfType($id: ID!, $type: PolicyType!, $effective: Boolean!) {
    node(id: $id) {
      ... on OrganizationNode {
        policies(type: $type, inherited: true) {
          inherited
          policy {
            id
            name
            type
            awsManaged
          }
          target {
            id
            name
          }
        }
      }
      ... on Account {
        effectivePolicy(type: $type) @include(if: $effective) {
          type
          content
          provenance {
            path
            value
            operator
            policyId
            policyName
            node {
              id
              name
            }
          }
          ignoredChanges {
            kind
            path
            operator
            attemptedValue
            policyId
            policyName
            node {
              id
              name
            }
            lockedByPolicyId
            lockedByPolicyName
            lockedAt {
              id
              name
            }
            allowedOperators
            firstAttachedPolicyId
            firstAttachedPolicyName
            reason
          }
        }
      }
    }
  }
`);
