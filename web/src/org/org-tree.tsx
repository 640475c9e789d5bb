import type { TargetedKeyboardEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { nodePath } from '../router/paths';
import { navigate } from '../router/router';
import type { ServicePosture } from './posture-chips';
import { TreeItem } from './tree-item';
import { visibleOrder, type TreeNode } from './tree-model';

export interface PolicyRef {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

export interface OrgTreeProps {
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
