import type { PolicyType } from '../policy-type';
import { AI_OPT_OUT_GRAMMAR } from './ai-opt-out-schema';
import { BACKUP_POLICY_GRAMMAR } from './backup-policy-schema';
import { BEDROCK_POLICY_GRAMMAR } from './bedrock-policy-schema';
import { CHATBOT_POLICY_GRAMMAR } from './chatbot-policy-schema';
import { DECLARATIVE_POLICY_EC2_GRAMMAR } from './declarative-ec2-policy-schema';
import { INSPECTOR_POLICY_GRAMMAR } from './inspector-policy-schema';
import { ANY, type ManagementGrammar } from './management-schema';
import { NETWORK_SECURITY_DIRECTOR_POLICY_GRAMMAR } from './network-security-director-policy-schema';
import { CHILD_CONTROL_VALUES } from './operators';
import { S3_POLICY_GRAMMAR } from './s3-policy-schema';
import { SECURITYHUB_POLICY_GRAMMAR } from './security-hub-policy-schema';
import { TAG_POLICY_GRAMMAR } from './tag-policy-schema';
import { UPGRADE_ROLLOUT_POLICY_GRAMMAR } from './upgrade-rollout-policy-schema';

/** Each management type's documented syntax; the comment in each file cites its user-guide page. */
const GRAMMARS: Partial<Record<PolicyType, ManagementGrammar>> = {
  AISERVICES_OPT_OUT_POLICY: AI_OPT_OUT_GRAMMAR,
  TAG_POLICY: TAG_POLICY_GRAMMAR,
  BACKUP_POLICY: BACKUP_POLICY_GRAMMAR,
  BEDROCK_POLICY: BEDROCK_POLICY_GRAMMAR,
  CHATBOT_POLICY: CHATBOT_POLICY_GRAMMAR,
  DECLARATIVE_POLICY_EC2: DECLARATIVE_POLICY_EC2_GRAMMAR,
  INSPECTOR_POLICY: INSPECTOR_POLICY_GRAMMAR,
  NETWORK_SECURITY_DIRECTOR_POLICY: NETWORK_SECURITY_DIRECTOR_POLICY_GRAMMAR,
  S3_POLICY: S3_POLICY_GRAMMAR,
  SECURITYHUB_POLICY: SECURITYHUB_POLICY_GRAMMAR,
  UPGRADE_ROLLOUT_POLICY: UPGRADE_ROLLOUT_POLICY_GRAMMAR,
};

/**
 * A management type orgql has no syntax for (one the SDK model added after this table, or one whose
 * page we could not read: GUARDDUTY_POLICY, SECURITYHUB_CSPM_POLICY): the generic management-policy
 * grammar (operators, child-control lists) applies everywhere, and each top-level key is a WARNING
 * saying that its contents are not checked against a documented syntax. Never an error, since the
 * document may well be right.
 */
export const GENERIC_GRAMMAR: ManagementGrammar = {
  root: {
    kind: 'container',
    dynamic: ANY,
    checkDynamicKey: (key, path, report) =>
      report(
        'WARNING',
        'UNKNOWN_KEY',
        path,
        `orgql has no documented syntax for this policy type, so ${JSON.stringify(key)} is checked against the generic management-policy grammar only.`,
      ),
  },
  childControlValues: CHILD_CONTROL_VALUES,
};

export function managementGrammarFor(type: PolicyType): ManagementGrammar {
  return GRAMMARS[type] ?? GENERIC_GRAMMAR;
}
