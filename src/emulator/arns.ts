import type { PolicyType } from '../domain/policy-type';
import { policyTypeArnSegment } from '../domain/policy-type';

/**
 * ARN formats from shared/docs/aws-organizations.md §d "ARNs": the account segment is the management
 * account id; AWS-managed policies use the literal `aws` instead and carry no organization segment.
 */
export interface ArnContext {
  organizationId: string;
  managementAccountId: string;
}

const prefix = (ctx: ArnContext): string => `arn:aws:organizations::${ctx.managementAccountId}`;

export const organizationArn = (ctx: ArnContext): string => `${prefix(ctx)}:organization/${ctx.organizationId}`;
export const rootArn = (ctx: ArnContext, rootId: string): string => `${prefix(ctx)}:root/${ctx.organizationId}/${rootId}`;
export const ouArn = (ctx: ArnContext, ouId: string): string => `${prefix(ctx)}:ou/${ctx.organizationId}/${ouId}`;
export const accountArn = (ctx: ArnContext, accountId: string): string => `${prefix(ctx)}:account/${ctx.organizationId}/${accountId}`;

export function policyArn(ctx: ArnContext, policy: { id: string; type: PolicyType; awsManaged: boolean }): string {
  const segment = policyTypeArnSegment(policy.type);
  return policy.awsManaged
    ? `arn:aws:organizations::aws:policy/${segment}/${policy.id}`
    : `${prefix(ctx)}:policy/${ctx.organizationId}/${segment}/${policy.id}`;
}
