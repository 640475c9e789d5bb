import { accountArn, organizationArn } from '../arns';
import type { Operation } from '../operation-context';
import { pageOutput, paginate } from '../pagination';
import { rootShape } from '../wire-shapes';

/** DescribeOrganization and ListRoots (§d "Roots, OUs, accounts, tree"). */
export const describeOrganization: Operation = ({ state }) => {
  const management = state.accounts.get(state.managementAccountId);
  return {
    Organization: {
      Id: state.organizationId,
      Arn: organizationArn(state),
      FeatureSet: 'ALL',
      MasterAccountArn: accountArn(state, state.managementAccountId),
      MasterAccountId: state.managementAccountId,
      MasterAccountEmail: management?.email,
      // Deprecated in favour of ListRoots but still returned: the types enabled on the root.
      AvailablePolicyTypes: state.root.policyTypes.map((type) => ({ Type: type, Status: 'ENABLED' })),
    },
  };
};

export const listRoots: Operation = ({ state }, input) => {
  const page = paginate([rootShape(state)], (root) => String(root.Id), {
    op: 'ListRoots',
    fingerprint: '',
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('Roots', page);
};
