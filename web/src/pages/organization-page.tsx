import { useMemo, useState } from 'preact/hooks';
import { usePageTitle } from '../components/page-title';
import { Failure, Loading } from '../components/status';
import { useQuery } from '../graphql/use-query';
import { OrgTree } from '../org/org-tree';
import { OrganizationTreeQuery } from '../org/organization-query';
import { buildTree, indexTree, searchTree } from '../org/tree-model';
import { useAttachedPolicies } from '../org/use-attached-policies';
import { usePosture } from '../org/use-posture';
import type { PolicyType } from '../gql/graphql';

/** /console/org: the tree, searchable, with each node's policies and each account's AI opt-out posture. */
export function OrganizationPage() {
  usePageTitle('Organization');
  const { data, error, loading } = useQuery(OrganizationTreeQuery, {});
  const roots = useMemo(() => (data ? data.organization.roots.map(buildTree) : []), [data]);
  const index = useMemo(() => indexTree(roots), [roots]);
  const enabledTypes = useMemo(
    () =>
      [...new Set(data?.organization.roots.flatMap((root) => root.policyTypes.filter((t) => t.status === 'ENABLED').map((t) => t.type)) ?? [])] as PolicyType[],
    [data],
  );
  const policiesByTarget = useAttachedPolicies(enabledTypes);
  const posture = usePosture(enabledTypes.includes('AISERVICES_OPT_OUT_POLICY'));
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<Set<string> | undefined>(undefined);
  const found = useMemo(() => searchTree(index, search), [index, search]);
  const searching = search.trim() !== '';
  // Initially the roots are open; while searching, every shown node is open so the matches are visible.
  const open = searching ? found.shown : (expanded ?? new Set(roots.map((root) => root.id)));

  return (
    <>
      <h1>Organization</h1>
      {data && (
        <p class="muted">
          {data.organization.id} · management account {data.organization.managementAccountId} · mirror version {data.organization.mirror.version} (
          {data.organization.mirror.status.toLowerCase()})
        </p>
      )}
      <div class="toolbar">
        <div class="field">
          <label for="tree-search">Search by name or id</label>
          <input id="tree-search" type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} autoComplete="off" />
        </div>
        <button
          type="button"
          onClick={() => setExpanded(new Set([...index.values()].filter((n) => n.kind !== 'ACCOUNT').map((n) => n.id)))}
          disabled={searching}
        >
          Expand all
        </button>
        <button type="button" onClick={() => setExpanded(new Set())} disabled={searching}>
          Collapse all
        </button>
        <p role="status" class="muted">
          {searching ? (found.matches.size > 0 ? `${found.matches.size} matching` : 'No node matches') : ''}
        </p>
      </div>
      {loading && !data && <Loading what="the organization" />}
      {error && <Failure error={error} />}
      {data && (
        <OrgTree
          roots={roots}
          expanded={open}
          setExpanded={(next) => {
            if (!searching) setExpanded(next);
          }}
          shown={searching ? found.shown : undefined}
          matches={found.matches}
          policiesByTarget={policiesByTarget}
          posture={posture}
        />
      )}
    </>
  );
}
