import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Link } from '../router/link';
import { paths } from '../router/paths';
import { useLocation } from '../router/router';
import { can, roleName, useSession } from '../session/session';

/** Header, navigation (only the pages the role may use) and the main landmark around every page. */
export function Shell({ children }: { children: ComponentChildren }) {
  const session = useSession();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After moving to another page, focus goes to its content (screen readers announce the new page).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);

  const links = [
    can(session, 'READ') && { href: paths.organization, label: 'Organization' },
    can(session, 'AUDIT') && { href: paths.audit, label: 'Change history' },
    can(session, 'READ') && { href: paths.preview, label: 'Preview and apply' },
  ].filter((link): link is { href: string; label: string } => Boolean(link));

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href={paths.home} class="brand">
          orgql console
        </Link>
        <nav aria-label="Console">
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} aria-current={path === link.href || path.startsWith(`${link.href}/`) ? 'page' : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span data-testid="signed-in-as">
            Signed in as {session.caller.displayName} ({roleName(session.caller)})
          </span>
          <button type="button" onClick={() => session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
