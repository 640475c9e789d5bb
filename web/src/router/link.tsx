import type { ComponentChildren, TargetedMouseEvent } from 'preact';
import { navigate } from './router';

interface LinkProps {
  readonly href: string;
  readonly children: ComponentChildren;
  readonly id?: string;
  readonly class?: string;
  readonly title?: string;
  readonly tabIndex?: number;
  readonly 'aria-current'?: 'page' | undefined;
  readonly 'aria-label'?: string;
}

/** A real link (open in a new tab works); a plain click moves within the app without a reload. */
export function Link({ href, children, ...rest }: LinkProps) {
  const follow = (event: TargetedMouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={follow} {...rest}>
      {children}
    </a>
  );
}
