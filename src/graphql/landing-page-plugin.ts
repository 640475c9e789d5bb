import type { ApolloServerPlugin } from '@apollo/server';
import { renderLandingPage } from './landing-page';

/** Serves orgql's offline landing page for browsers that open the GraphQL endpoint itself. */
export function landingPagePlugin(graphqlPath: string): ApolloServerPlugin {
  const html = renderLandingPage(graphqlPath);
  return {
    async serverWillStart() {
      return { async renderLandingPage() { return { html }; } };
    },
  };
}
