import { graphql } from '../gql';

export const PolicyQuery = graphql(`
  query ConsolePolicy($id: ID!) {
    policy(id: $id) {
      id
      arn
      name
      description
      type
      awsManaged
      content
      contentHash
      targets {
        __typename
        id
        name
      }
      tags {
        key
        value
      }
    }
  }
`);

export const PolicyHistoryQuery = graphql(`
  query ConsolePolicyHistory($id: ID!) {
    policyHistory(policyId: $id) {
      version
      document
      event {
        id
        occurredAt
        operation
        outcome
        actor {
          id
          displayName
        }
      }
    }
  }
`);
