import type { PolicyType } from '../policy-type';
import { AI_OPT_OUT_GRAMMAR } from './ai-opt-out-schema';
import { BACKUP_POLICY_GRAMMAR } from './backup-policy-schema';
import { ANY, type ManagementGrammar } from './management-schema';
import { CHILD_CONTROL_VALUES } from './operators';
import { TAG_POLICY_GRAMMAR } from './tag-policy-schema';

/** Other management types (chatbot, declarative EC2, Security Hub, …): generic grammar only (digest "Not found"). */
const GENERIC_GRAMMAR: ManagementGrammar = { root: ANY, childControlValues: CHILD_CONTROL_VALUES };

export function managementGrammarFor(type: PolicyType): ManagementGrammar {
  switch (type) {
    case 'AISERVICES_OPT_OUT_POLICY':
      return AI_OPT_OUT_GRAMMAR;
    case 'TAG_POLICY':
      return TAG_POLICY_GRAMMAR;
    case 'BACKUP_POLICY':
      return BACKUP_POLICY_GRAMMAR;
    default:
      return GENERIC_GRAMMAR;
  }
}
