import type { PolicyChangeInput } from '../gql/graphql';

/** One change the page composes: what previewPolicyChange takes, and what is shown in the list. */
export type ComposedChange =
  | { readonly kind: 'ATTACH' | 'DETACH'; readonly policyId: string; readonly policyName: string; readonly targetId: string; readonly targetName: string }
  | {
      readonly kind: 'UPDATE_CONTENT';
      readonly policyId: string;
      readonly policyName: string;
      readonly content: unknown;
      readonly expectedContentHash: string;
    };

export function toChangeInput(change: ComposedChange): PolicyChangeInput {
  return change.kind === 'UPDATE_CONTENT'
    ? { kind: 'UPDATE_CONTENT', policyId: change.policyId, content: change.content }
    : { kind: change.kind, policyId: change.policyId, targetId: change.targetId };
}

export function describeChange(change: ComposedChange): string {
  switch (change.kind) {
    case 'ATTACH':
      return `Attach ${change.policyName} to ${change.targetName}`;
    case 'DETACH':
      return `Detach ${change.policyName} from ${change.targetName}`;
    case 'UPDATE_CONTENT':
      return `Update the document of ${change.policyName}`;
  }
}
