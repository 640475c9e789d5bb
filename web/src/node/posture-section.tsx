import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import { graphql } from '../gql';
import { useQuery } from '../graphql/use-query';
import { PostureChips } from '../org/posture-chips';

const NodePostureQuery = graphql(`
  query ConsoleNodePosture($id: ID!) {
    aiOptOutPosture(under: $id) {
      totals {
        service
        optedIn
        optedOut
        unknown
      }
      accounts(first: 1) {
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
      }
    }
  }
`);

/**
 * The AI opt-out posture below a node (aiOptOutPosture, from the org mirror): an account's chip per
 * service, or for a root or OU how many accounts are opted in and out of each service.
 */
export function PostureSection({ id, isAccount }: { id: string; isAccount: boolean }) {
  const { data, error, loading } = useQuery(NodePostureQuery, { id });
  const posture = data?.aiOptOutPosture;
  const account = isAccount ? posture?.accounts.edges.find((edge) => edge.node.accountId === id)?.node : undefined;
  const totals = posture?.totals ?? [];
  const fallback = totals.find((t) => t.service === 'default');
  // Services counted exactly like `default` add nothing: one line says how many there are.
  const differing = totals.filter(
    (t) => !fallback || t === fallback || t.optedIn !== fallback.optedIn || t.optedOut !== fallback.optedOut || t.unknown !== fallback.unknown,
  );
  return (
    <Section title="AI opt-out posture">
      {loading && !data && <Loading what="the AI opt-out posture" />}
      {error && <Failure error={error} />}
      {account && <PostureChips services={account.services} />}
      {posture && !isAccount && (
        <div class="table-wrap">
          <table class="cards">
            <caption>Accounts below, per service</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Opted out</th>
                <th scope="col">Opted in</th>
                <th scope="col">Unknown</th>
              </tr>
            </thead>
            <tbody>
              {differing.map((t) => (
                <tr key={t.service}>
                  <td data-label="Service" class="mono">
                    {t.service}
                  </td>
                  <td data-label="Opted out">{t.optedOut}</td>
                  <td data-label="Opted in">{t.optedIn}</td>
                  <td data-label="Unknown">{t.unknown}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {totals.length > differing.length && <p class="muted">{totals.length - differing.length} more services are counted as default is.</p>}
        </div>
      )}
    </Section>
  );
}
