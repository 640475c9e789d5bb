import { graphql } from '../gql';

// AWS Organizations nests OUs at most five levels below the root, so five levels reach every node
// (written out: graphql-armor counts each fragment spread as a level of depth).
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
export const OrganizationTreeQuery = graphql(`
  query ConsoleOrganizationTree {
    organization {
      id
      managementAccountId
      mirror {
        version
        status
        syncedAt
      }
      roots {
        id
        name
        policyTypes {
          type
          status
        }
        accounts {
          id
          name
          state
        }
        organizationalUnits {
          id
          name
          accounts {
            id
            name
            state
          }
          organizationalUnits {
            id
            name
            accounts {
              id
              name
              state
            }
            organizationalUnits {
              id
              name
              accounts {
                id
                name
                state
              }
              organizationalUnits {
                id
                name
                accounts {
                  id
                  name
                  state
                }
                organizationalUnits {
                  id
                  name
                  accounts {
                    id
                    name
                    state
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

export const PoliciesOfTypeQuery = graphql(`
  query ConsolePoliciesOfType($type: PolicyType!) {
    policies(type: $type, first: 1000) {
      edges {
        node {
          id
          name
          type
          awsManaged
          targets {
            id
          }
        }
      }
    }
  }
`);
