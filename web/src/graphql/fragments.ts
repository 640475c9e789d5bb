import { graphql } from '../gql';

/** A structural diff of two documents, as previewPolicyChange and the audit log's target history give it. */
export const PolicyDiffFields = graphql(`
  fragment PolicyDiffFields on PolicyDiff {
    added {
      path
      value
    }
    removed {
      path
      value
    }
    changed {
      path
      before
      after
    }
  }
`);
