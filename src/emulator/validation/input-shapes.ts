import type { MemberSpec } from './field-spec';
import * as F from './field-spec';

/**
 * Input members of every implemented operation, in model order, transcribed from service-2.json
 * (required members marked). Validation walks these in order and reports the first violation.
 */
const req = (spec: F.FieldSpec): MemberSpec => ({ spec, required: true });
const opt = (spec: F.FieldSpec): MemberSpec => ({ spec });
const paging = { NextToken: opt(F.NEXT_TOKEN), MaxResults: opt(F.MAX_RESULTS) };

export const INPUT_SHAPES = {
  DescribeOrganization: {},
  ListRoots: { ...paging },
  DescribeOrganizationalUnit: { OrganizationalUnitId: req(F.OU_ID) },
  ListOrganizationalUnitsForParent: { ParentId: req(F.PARENT_ID), ...paging },
  CreateOrganizationalUnit: { ParentId: req(F.PARENT_ID), Name: req(F.OU_NAME), Tags: opt(F.TAGS) },
  UpdateOrganizationalUnit: { OrganizationalUnitId: req(F.OU_ID), Name: opt(F.OU_NAME) },
  DeleteOrganizationalUnit: { OrganizationalUnitId: req(F.OU_ID) },
  DescribeAccount: { AccountId: req(F.ACCOUNT_ID) },
  ListAccounts: { ...paging },
  ListAccountsForParent: { ParentId: req(F.PARENT_ID), ...paging },
  CreateAccount: {
    Email: req(F.EMAIL),
    AccountName: req(F.CREATE_ACCOUNT_NAME),
    RoleName: opt(F.ROLE_NAME),
    IamUserAccessToBilling: opt(F.BILLING_ACCESS),
    Tags: opt(F.TAGS),
  },
  DescribeCreateAccountStatus: { CreateAccountRequestId: req(F.CREATE_ACCOUNT_REQUEST_ID) },
  ListCreateAccountStatus: { States: opt(F.CREATE_ACCOUNT_STATES), ...paging },
  MoveAccount: { AccountId: req(F.ACCOUNT_ID), SourceParentId: req(F.PARENT_ID), DestinationParentId: req(F.PARENT_ID) },
  CloseAccount: { AccountId: req(F.ACCOUNT_ID) },
  ListChildren: { ParentId: req(F.PARENT_ID), ChildType: req(F.CHILD_TYPE), ...paging },
  ListParents: { ChildId: req(F.CHILD_ID), ...paging },
  CreatePolicy: {
    Content: req(F.POLICY_CONTENT),
    Description: req(F.POLICY_DESCRIPTION),
    Name: req(F.POLICY_NAME),
    Type: req(F.POLICY_TYPE),
    Tags: opt(F.TAGS),
  },
  UpdatePolicy: {
    PolicyId: req(F.POLICY_ID),
    Name: opt(F.POLICY_NAME),
    Description: opt(F.POLICY_DESCRIPTION),
    Content: opt(F.POLICY_CONTENT),
  },
  DeletePolicy: { PolicyId: req(F.POLICY_ID) },
  DescribePolicy: { PolicyId: req(F.POLICY_ID) },
  ListPolicies: { Filter: req(F.POLICY_TYPE), ...paging },
  ListPoliciesForTarget: { TargetId: req(F.TARGET_ID), Filter: req(F.POLICY_TYPE), ...paging },
  ListTargetsForPolicy: { PolicyId: req(F.POLICY_ID), ...paging },
  AttachPolicy: { PolicyId: req(F.POLICY_ID), TargetId: req(F.TARGET_ID) },
  DetachPolicy: { PolicyId: req(F.POLICY_ID), TargetId: req(F.TARGET_ID) },
  EnablePolicyType: { RootId: req(F.ROOT_ID), PolicyType: req(F.POLICY_TYPE) },
  DisablePolicyType: { RootId: req(F.ROOT_ID), PolicyType: req(F.POLICY_TYPE) },
  DescribeEffectivePolicy: { PolicyType: req(F.EFFECTIVE_POLICY_TYPE), TargetId: opt(F.TARGET_ID) },
  ListAccountsWithInvalidEffectivePolicy: { PolicyType: req(F.EFFECTIVE_POLICY_TYPE), ...paging },
  ListEffectivePolicyValidationErrors: { AccountId: req(F.ACCOUNT_ID), PolicyType: req(F.EFFECTIVE_POLICY_TYPE), ...paging },
  TagResource: { ResourceId: req(F.TAGGABLE_ID), Tags: req(F.TAGS) },
  UntagResource: { ResourceId: req(F.TAGGABLE_ID), TagKeys: req(F.TAG_KEYS) },
  ListTagsForResource: { ResourceId: req(F.TAGGABLE_ID), NextToken: opt(F.NEXT_TOKEN) },
} as const satisfies Record<string, Record<string, MemberSpec>>;

export type OperationName = keyof typeof INPUT_SHAPES;

export const IMPLEMENTED_OPERATIONS = Object.keys(INPUT_SHAPES) as OperationName[];

export function isImplementedOperation(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(INPUT_SHAPES, name);
}
