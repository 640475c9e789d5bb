import type { Operation } from './operation-context';
import * as accounts from './operations/account-ops';
import * as attachments from './operations/attachment-ops';
import * as createAccounts from './operations/create-account-ops';
import * as effective from './operations/effective-policy-ops';
import * as invalidEffective from './operations/invalid-effective-policy-ops';
import * as org from './operations/organization-ops';
import * as ous from './operations/organizational-unit-ops';
import * as policies from './operations/policy-ops';
import * as policyTypes from './operations/policy-type-ops';
import * as tags from './operations/tag-ops';
import * as tree from './operations/tree-ops';
import type { OperationName } from './validation/input-shapes';

/** Every implemented X-Amz-Target operation and its state transition. */
export const OPERATIONS: Record<OperationName, Operation> = {
  DescribeOrganization: org.describeOrganization,
  ListRoots: org.listRoots,
  DescribeOrganizationalUnit: ous.describeOrganizationalUnit,
  ListOrganizationalUnitsForParent: ous.listOrganizationalUnitsForParent,
  CreateOrganizationalUnit: ous.createOrganizationalUnit,
  UpdateOrganizationalUnit: ous.updateOrganizationalUnit,
  DeleteOrganizationalUnit: ous.deleteOrganizationalUnit,
  DescribeAccount: accounts.describeAccount,
  ListAccounts: accounts.listAccounts,
  ListAccountsForParent: accounts.listAccountsForParent,
  CreateAccount: createAccounts.createAccount,
  DescribeCreateAccountStatus: createAccounts.describeCreateAccountStatus,
  ListCreateAccountStatus: createAccounts.listCreateAccountStatus,
  MoveAccount: accounts.moveAccount,
  CloseAccount: accounts.closeAccount,
  ListChildren: tree.listChildren,
  ListParents: tree.listParents,
  CreatePolicy: policies.createPolicy,
  UpdatePolicy: policies.updatePolicy,
  DeletePolicy: policies.deletePolicy,
  DescribePolicy: policies.describePolicy,
  ListPolicies: policies.listPolicies,
  ListPoliciesForTarget: attachments.listPoliciesForTarget,
  ListTargetsForPolicy: attachments.listTargetsForPolicy,
  AttachPolicy: attachments.attachPolicy,
  DetachPolicy: attachments.detachPolicy,
  EnablePolicyType: policyTypes.enablePolicyType,
  DisablePolicyType: policyTypes.disablePolicyType,
  DescribeEffectivePolicy: effective.describeEffectivePolicy,
  ListAccountsWithInvalidEffectivePolicy: invalidEffective.listAccountsWithInvalidEffectivePolicy,
  ListEffectivePolicyValidationErrors: invalidEffective.listEffectivePolicyValidationErrors,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  ListTagsForResource: tags.listTagsForResource,
};

/**
 * Every operation of the service model (botocore 2016-11-28 plus the newer ones in
 * @aws-sdk/client-organizations). A known operation the emulator does not implement is answered with
 * AccessDeniedException, which every operation documents, as AWS answers a caller that may not use it.
 */
export const MODEL_OPERATIONS: readonly string[] = [
  'AcceptHandshake',
  'AttachPolicy',
  'CancelHandshake',
  'CloseAccount',
  'CreateAccount',
  'CreateGovCloudAccount',
  'CreateOrganization',
  'CreateOrganizationalUnit',
  'CreatePolicy',
  'DeclineHandshake',
  'DeleteOrganization',
  'DeleteOrganizationalUnit',
  'DeletePolicy',
  'DeleteResourcePolicy',
  'DeregisterDelegatedAdministrator',
  'DescribeAccount',
  'DescribeCreateAccountStatus',
  'DescribeEffectivePolicy',
  'DescribeHandshake',
  'DescribeOrganization',
  'DescribeOrganizationalUnit',
  'DescribePolicy',
  'DescribeResourcePolicy',
  'DescribeResponsibilityTransfer',
  'DetachPolicy',
  'DisableAWSServiceAccess',
  'DisablePolicyType',
  'EnableAWSServiceAccess',
  'EnableAllFeatures',
  'EnablePolicyType',
  'InviteAccountToOrganization',
  'InviteOrganizationToTransferResponsibility',
  'LeaveOrganization',
  'ListAWSServiceAccessForOrganization',
  'ListAccounts',
  'ListAccountsForParent',
  'ListAccountsWithInvalidEffectivePolicy',
  'ListChildren',
  'ListCreateAccountStatus',
  'ListDelegatedAdministrators',
  'ListDelegatedServicesForAccount',
  'ListEffectivePolicyValidationErrors',
  'ListHandshakesForAccount',
  'ListHandshakesForOrganization',
  'ListInboundResponsibilityTransfers',
  'ListOrganizationalUnitsForParent',
  'ListOutboundResponsibilityTransfers',
  'ListParents',
  'ListPolicies',
  'ListPoliciesForTarget',
  'ListRoots',
  'ListTagsForResource',
  'ListTargetsForPolicy',
  'MoveAccount',
  'PutResourcePolicy',
  'RegisterDelegatedAdministrator',
  'RemoveAccountFromOrganization',
  'TagResource',
  'TerminateResponsibilityTransfer',
  'UntagResource',
  'UpdateOrganizationalUnit',
  'UpdatePolicy',
  'UpdateResponsibilityTransfer',
];
