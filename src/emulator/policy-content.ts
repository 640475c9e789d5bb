import { malformedPolicyMessage, validatePolicy } from '../domain/policy';
import type { PolicyType } from '../domain/policy-type';
import { policyTypeLimits } from '../domain/policy-type';
import { AwsError, constraintViolation } from './aws-error';

/**
 * Content checks for CreatePolicy/UpdatePolicy. The size limit is per type and counted on the raw
 * Content string (§c "Maximum policy document size": CLI/SDK content is stored exactly as sent) and is
 * ConstraintViolationException POLICY_CONTENT_LIMIT_EXCEEDED; any other problem the policy engine finds
 * is MalformedPolicyDocumentException.
 */
export function assertValidContent(type: PolicyType, content: string): void {
  const max = policyTypeLimits(type).maxContentLength;
  if (content.length > max) {
    throw constraintViolation('POLICY_CONTENT_LIMIT_EXCEEDED', `Policies of type ${type} can have at most ${max} characters.`);
  }
  const result = validatePolicy(type, content);
  if (!result.valid) throw new AwsError('MalformedPolicyDocumentException', malformedPolicyMessage(result));
}
