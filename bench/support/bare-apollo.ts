// The yardstick of issue 10: a bare Apollo Server 5 (its standalone Node http server, no auth, no
// limits, no plugins) answering the same operation with the same data, held in memory.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const TYPE_DEFS = `#graphql
  type Query { organization: Organization! }
  type Organization { id: ID! arn: String! roots: [Root!]! }
  type Root { id: ID! name: String! organizationalUnits: [OrganizationalUnit!]! accounts: [Account!]! }
  type OrganizationalUnit { id: ID! name: String! organizationalUnits: [OrganizationalUnit!]! accounts: [Account!]! }
  type Account { id: ID! name: String! email: String! }
`;

export interface BareServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** `organization` is the `data.organization` the gateway answered; nested fields resolve by name. */
export async function startBareApollo(organization: unknown, port: number): Promise<BareServer> {
  const server = new ApolloServer({ typeDefs: TYPE_DEFS, resolvers: { Query: { organization: () => organization } } });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
