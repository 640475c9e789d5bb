import {
  DescribeOrganizationCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  type OrganizationsClient,
  type Root as SdkRoot,
} from '@aws-sdk/client-organizations';
import type { Organization, PolicyTypeSummary, Root } from '../domain/organization';
import { isPolicyType, type PolicyType } from '../domain/policy-type';
import type { Mutated, OrganizationsPort } from '../domain/ports';
import { toOrgqlError } from './error-mapping';
import { collectPages } from './paginate';

/** OrganizationsPort over the AWS SDK v3. Every failure leaves here as an OrgqlError. */
export class SdkOrganizations implements OrganizationsPort {
  constructor(private readonly client: OrganizationsClient) {}

  async describeOrganization(): Promise<Organization> {
    const { Organization: org } = await this.call(() => this.client.send(new DescribeOrganizationCommand({})));
    if (!org?.Id || !org.Arn) throw toOrgqlError(new Error('DescribeOrganization returned no organization'));
    return {
      id: org.Id,
      arn: org.Arn,
      featureSet: org.FeatureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
      managementAccountId: org.MasterAccountId ?? '',
      managementAccountArn: org.MasterAccountArn ?? '',
      managementAccountEmail: org.MasterAccountEmail ?? '',
    };
  }

  async listRoots(): Promise<Root[]> {
    const roots = await this.call(() =>
      collectPages(
        (NextToken) => this.client.send(new ListRootsCommand({ NextToken })),
        (page) => page.Roots,
      ),
    );
    return roots.map(toRoot);
  }

  async enablePolicyType(rootId: string, type: PolicyType): Promise<Mutated<Root>> {
    const output = await this.call(() => this.client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: type })));
    if (!output.Root) throw toOrgqlError(new Error('EnablePolicyType returned no root'));
    return { value: toRoot(output.Root), upstreamRequestId: output.$metadata.requestId };
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toOrgqlError(error);
    }
  }
}

function toRoot(root: SdkRoot): Root {
  const policyTypes: PolicyTypeSummary[] = [];
  for (const summary of root.PolicyTypes ?? []) {
    // A policy type newer than this build is skipped rather than failing the whole query.
    if (isPolicyType(summary.Type) && summary.Status) policyTypes.push({ type: summary.Type, status: summary.Status });
  }
  return { id: root.Id ?? '', arn: root.Arn ?? '', name: root.Name ?? '', policyTypes };
}
