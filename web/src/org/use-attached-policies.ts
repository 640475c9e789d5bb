import { useEffect, useState } from 'preact/hooks';
import { execute } from '../graphql/client';
import { useSession } from '../session/session';
import type { PolicyRef } from './org-tree';
import { PoliciesOfTypeQuery } from './organization-query';
import type { PolicyType } from '../gql/graphql';

/**
 * Which policies are attached to each node, read the other way round: every policy of each enabled
 * type with its targets (one request per type), instead of one field per node and type.
 */
export function useAttachedPolicies(types: readonly PolicyType[]): ReadonlyMap<string, readonly PolicyRef[]> {
  const session = useSession();
  const [byTarget, setByTarget] = useState<ReadonlyMap<string, readonly PolicyRef[]>>(new Map());
  const key = types.join(',');
  useEffect(() => {
    if (!key) return undefined;
    const controller = new AbortController();
    Promise.all(key.split(',').map((type) => execute(PoliciesOfTypeQuery, { type: type as PolicyType }, session.credential, controller.signal))).then(
      (answers) => {
        const next = new Map<string, PolicyRef[]>();
        for (const { node } of answers.flatMap((answer) => answer.policies.edges)) {
          for (const target of node.targets) next.set(target.id, [...(next.get(target.id) ?? []), { id: node.id, name: node.name, type: node.type }]);
        }
        if (!controller.signal.aborted) setByTarget(next);
      },
      () => undefined, // The tree shows without them; the node pages list policies too.
    );
    return () => controller.abort();
  }, [key, session]);
  return byTarget;
}
