import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../gql';
import type { ConsoleAiOptOutPostureQuery } from '../gql/graphql';
import { execute } from '../graphql/client';
import { useSession } from '../session/session';
import type { ServicePosture } from './posture-chips';

const PostureQuery = graphql(`
  query ConsoleAiOptOutPosture($after: String) {
    aiOptOutPosture {
      accounts(first: 500, after: $after) {
        edges {
          node {
            accountId
            services {
              service
              setting
              source
              locked
              policyName
              unknownReason
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/**
 * Each account's AI opt-out setting per service, from the posture report (read from the org mirror,
 * no upstream call), page by page by its cursors (500 a page keeps the query under the gateway's cost limit). Undefined until it has answered, or when it fails
 * (the tree shows without chips).
 */
export function usePosture(enabled: boolean): ReadonlyMap<string, readonly ServicePosture[]> | undefined {
  const session = useSession();
  const [posture, setPosture] = useState<ReadonlyMap<string, readonly ServicePosture[]> | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    (async () => {
      const byAccount = new Map<string, readonly ServicePosture[]>();
      let after: string | null = null;
      for (;;) {
        const answer: ConsoleAiOptOutPostureQuery = await execute(PostureQuery, { after }, session.credential, controller.signal);
        const { edges, pageInfo } = answer.aiOptOutPosture.accounts;
        for (const { node } of edges) byAccount.set(node.accountId, node.services);
        if (!pageInfo.hasNextPage || !pageInfo.endCursor) break;
        after = pageInfo.endCursor;
      }
      if (!controller.signal.aborted) setPosture(byAccount);
    })().catch(() => undefined);
    return () => controller.abort();
  }, [enabled, session]);
  return posture;
}
