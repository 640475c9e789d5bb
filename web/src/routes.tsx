import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { Forbidden } from './components/status';
import { usePageTitle } from './components/page-title';
import type { Permission } from './gql/graphql';
import { AuditPage } from './pages/audit-page';
import { EventPage } from './pages/event-page';
import { NodePage } from './pages/node-page';
import { OrganizationPage } from './pages/organization-page';
import { PolicyPage } from './pages/policy-page';
import { PreviewPage } from './pages/preview-page';
import { paths } from './router/paths';
import { matchRoute, navigate, useLocation } from './router/router';
import { can, roleName, useSession } from './session/session';

interface Route {
  readonly pattern: string;
  /** The caller needs one of these. */
  readonly needs: readonly Permission[];
  /** What a role without `needs` is told it cannot see. */
  readonly what: string;
  render(params: Record<string, string>): ComponentChildren;
}

const ROUTES: readonly Route[] = [
  { pattern: paths.organization, needs: ['READ'], what: 'the organization', render: () => <OrganizationPage /> },
  { pattern: '/console/accounts/:id', needs: ['READ'], what: 'accounts', render: ({ id }) => <NodePage key={id} id={id!} /> },
  { pattern: '/console/policies/:id', needs: ['READ', 'AUDIT'], what: 'policies', render: ({ id }) => <PolicyPage key={id} id={id!} /> },
  { pattern: paths.audit, needs: ['AUDIT'], what: 'the change history', render: () => <AuditPage /> },
  { pattern: '/console/audit/:id', needs: ['AUDIT'], what: 'audit events', render: ({ id }) => <EventPage key={id} id={id!} /> },
  { pattern: paths.preview, needs: ['READ'], what: 'the preview', render: () => <PreviewPage /> },
  { pattern: '/console/ous/:id', needs: ['READ'], what: 'organizational units', render: ({ id }) => <NodePage key={id} id={id!} /> },
];

function NotFound() {
  usePageTitle('Not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no console page at this address.</p>
    </>
  );
}

/** /console itself: the first page the role may use. */
function Home() {
  const session = useSession();
  const target = can(session, 'READ') ? paths.organization : can(session, 'AUDIT') ? paths.audit : undefined;
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);
  if (target) return null;
  return <Forbidden role={roleName(session.caller)} what="any console page" />;
}

export function Routes() {
  const session = useSession();
  const { path } = useLocation();
  if (path === paths.home) return <Home />;
  for (const route of ROUTES) {
    const params = matchRoute(route.pattern, path);
    if (!params) continue;
    if (!route.needs.some((permission) => can(session, permission))) return <Forbidden role={roleName(session.caller)} what={route.what} />;
    return <>{route.render(params)}</>;
  }
  return <NotFound />;
}
