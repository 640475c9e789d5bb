import type { TargetedKeyboardEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { Link } from '../router/link';
import { nodePath, paths } from '../router/paths';
import { navigate } from '../router/router';
import { PostureChips, type ServicePosture } from './posture-chips';
import { visibleOrder, type TreeNode } from './tree-model';

export interface PolicyRef {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

interface OrgTreeProps {
  readonly roots: readonly TreeNode[];
  readonly expanded: ReadonlySet<string>;
  setExpanded(next: Set<string>): void;
  /** While searching: the nodes to show (matches and their ancestors); undefined shows all. */
  readonly shown: ReadonlySet<string> | undefined;
  readonly matches: ReadonlySet<string>;
  readonly policiesByTarget: ReadonlyMap<string, readonly PolicyRef[]>;
  readonly posture: ReadonlyMap<string, readonly ServicePosture[]> | undefined;
}

/**
 * The WAI-ARIA tree pattern: one tab stop (roving tabindex), arrows move and expand, Enter opens the
 * node's page. https://www.w3.org/WAI/ARIA/apg/patterns/treeview/
 */
export function OrgTree(props: OrgTreeProps) {
  const { roots, expanded, setExpanded, shown } = props;
  const [active, setActive] = useState<string | undefined>(roots[0]?.id);
  const tree = useRef<HTMLUListElement>(null);
  const order = visibleOrder(roots, expanded, shown);
  const focusable = order.some((node) => node.id === active) ? active : order[0]?.id;

  const focus = (id: string | undefined) => {
    if (!id) return;
    setActive(id);
    tree.current?.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(id)}"]`)?.focus();
  };
  const toggle = (node: TreeNode, open: boolean) => {
    const next = new Set(expanded);
    if (open) next.add(node.id);
    else next.delete(node.id);
    setExpanded(next);
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLUListElement>) => {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset.nodeId;
    const at = order.findIndex((node) => node.id === id);
    const node = order[at];
    if (!node) return;
    const hasChildren = node.children.length > 0;
    const open = expanded.has(node.id);
    switch (event.key) {
      case 'ArrowDown':
        focus(order[at + 1]?.id);
        break;
      case 'ArrowUp':
        focus(order[at - 1]?.id);
        break;
      case 'Home':
        focus(order[0]?.id);
        break;
      case 'End':
        focus(order[order.length - 1]?.id);
        break;
      case 'ArrowRight':
        if (hasChildren && !open) toggle(node, true);
        else if (hasChildren) focus(order[at + 1]?.id);
        break;
      case 'ArrowLeft':
        if (hasChildren && open) toggle(node, false);
        else focus(node.parentId);
        break;
      case 'Enter':
        navigate(nodePath(node.id));
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <ul role="tree" aria-label="Organization tree" class="tree" ref={tree} onKeyDown={onKeyDown}>
      {roots.map((root) => (
        <TreeItem key={root.id} node={root} tree={props} focusable={focusable} onFocusItem={setActive} toggle={toggle} />
      ))}
    </ul>
  );
}

interface TreeItemProps {
  readonly node: TreeNode;
  readonly tree: OrgTreeProps;
  readonly focusable: string | undefined;
  onFocusItem(id: string): void;
  toggle(node: TreeNode, open: boolean): void;
}

function TreeItem({ node, tree, focusable, onFocusItem, toggle }: TreeItemProps) {
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
