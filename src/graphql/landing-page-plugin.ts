import type { ApolloServerPlugin } from '@apollo/server';
import { renderLandingPage } from './landing-page';

/**
 * Serves orgql's offline landing page for browsers that open the GraphQL endpoint itself.
 * `graphqlUrl` is asked at each render: the address is known only once the server listens.
 */
export function landingPagePlugin(graphqlPath: string, graphqlUrl: () => string): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: async () => renderLandingPage(graphqlPath, graphqlUrl()) };
        },
      };
    },
  };
}
