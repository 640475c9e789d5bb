import type { ManagementGrammar } from './management-schema';
import { fields, regionEnablement, underTopLevelKey } from './grammar-builders';

/**
 * Amazon Inspector policy syntax, AWS Organizations user guide "Amazon Inspector policy syntax and
 * examples": https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inspector_syntax.html
 * `inspector` → `enablement` → scan type → `enable_in_regions` and `disable_in_regions`, both required
 * for each scan type present though they may be empty; Region codes or `ALL_SUPPORTED`.
 * Scan types: ec2_scanning, ecr_scanning, lambda_standard_scanning, lambda_code_scanning,
 * code_repository_scanning. The page's organization-wide example nests lambda_code_scanning inside
 * lambda_standard_scanning, so that placement is accepted too. An unknown scan type is a WARNING.
 */
const scan = regionEnablement();
const lambdaStandard = regionEnablement({ keys: { lambda_code_scanning: scan } });

export const INSPECTOR_POLICY_GRAMMAR: ManagementGrammar = underTopLevelKey(
  'inspector',
  fields(
    {
      enablement: fields({
        ec2_scanning: scan,
        ecr_scanning: scan,
        lambda_standard_scanning: lambdaStandard,
        lambda_code_scanning: scan,
        code_repository_scanning: scan,
      }),
    },
    { required: ['enablement'] },
  ),
);
