import { graphql } from '../gql';

export const MeQuery = graphql(`
  query ConsoleMe {
    me {
      id
      displayName
      roles
      permissions
    }
  }
`);
