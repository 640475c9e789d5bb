import { Link } from '../router/link';
import { nodePath, paths } from '../router/paths';
import type { OrgTreeProps } from './org-tree';
import { PostureChips } from './posture-chips';
import type { TreeNode } from './tree-model';

export interface TreeItemProps {
  readonly node: TreeNode;
  readonly tree: OrgTreeProps;
  readonly focusable: string | undefined;
  onFocusItem(id: string): void;
  toggle(node: TreeNode, open: boolean): void;
}

/** One node of the tree with its row (name, id, attached policies, posture chips) and, when open, its children. */
export function TreeItem({ node, tree, focusable, onFocusItem, toggle }: TreeItemProps) {
  if (tree.shown && !tree.shown.has(node.id)) return null;
  const container = node.kind !== 'ACCOUNT';
  const open = tree.expanded.has(node.id);
  const policies = tree.policiesByTarget.get(node.id) ?? [];
  const posture = node.kind === 'ACCOUNT' ? tree.posture?.get(node.id) : undefined;
  return (
    <li
      role="treeitem"
      aria-level={node.level}
      aria-expanded={container ? open : undefined}
      data-node-id={node.id}
      tabIndex={focusable === node.id ? 0 : -1}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocusItem(node.id);
      }}
      class={tree.matches.has(node.id) ? 'match' : undefined}
    >
      <div class="tree-row">
        {/* Mouse only: the keyboard opens and closes with the arrow keys (a button here would join the treeitem's name). */}
        <span
          class={container && node.children.length > 0 ? 'toggle' : 'toggle-spacer'}
          aria-hidden="true"
          data-testid={`toggle-${node.id}`}
          onClick={container && node.children.length > 0 ? () => toggle(node, !open) : undefined}
        >
          {container && node.children.length > 0 ? (open ? '▾' : '▸') : ''}
        </span>
        <span class={`kind kind-${node.kind.toLowerCase()}`} aria-hidden="true">
          {node.kind === 'ACCOUNT' ? 'acct' : node.kind === 'OU' ? 'OU' : 'root'}
        </span>
        <Link href={nodePath(node.id)} tabIndex={-1} class="node-name">
          {node.name}
        </Link>
        <span class="node-id">{node.id}</span>
        {node.state && node.state !== 'ACTIVE' && <span class="badge">{node.state}</span>}
        {policies.length > 0 && (
          <ul class="attached" data-testid="attached-policies">
            {policies.map((policy) => (
              <li key={policy.id}>
                <Link href={paths.policy(policy.id)} tabIndex={-1} title={policy.type}>
                  {policy.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {posture && posture.length > 0 && <PostureChips services={posture} />}
      </div>
      {container && open && node.children.length > 0 && (
        <ul role="group">
          {node.children.map((child) => (
            <TreeItem key={child.id} node={child} tree={tree} focusable={focusable} onFocusItem={onFocusItem} toggle={toggle} />
          ))}
        </ul>
      )}
    </li>
  );
}
