import { graphql } from '../gql';

export const AuditEventsQuery = graphql(`
  query ConsoleAuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          sequence
          kind
          occurredAt
          operation
          upstreamAction
          targetType
          targetId
          policyId
          policyType
          outcome
          errorCode
          actor {
            id
            type
            displayName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AuditEventQuery = graphql(`
  query ConsoleAuditEvent($id: ID!) {
    auditEvent(id: $id) {
      id
      sequence
      kind
      occurredAt
      operation
      upstreamAction
      targetType
      targetId
      policyId
      policyType
      requestParameters
      stateBefore
      stateAfter
      idempotencyKey
      outcome
      errorCode
      errorMessage
      requestId
      upstreamRequestId
      reconciliation
      clientIp
      userAgent
      previousHash
      rowHash
      actor {
        id
        type
        displayName
        authMethod
      }
      intent {
        id
        sequence
        outcome
        stateBefore
      }
      result {
        id
        sequence
        outcome
        stateAfter
      }
      resolution {
        id
        sequence
        outcome
      }
    }
  }
`);

/** The recorded changes of a target: the one whose event is shown carries the effective-policy diff of the accounts it touched. */
export const TargetHistoryQuery = graphql(`
  query ConsoleTargetHistory($targetId: ID!) {
    targetHistory(targetId: $targetId) {
      event {
        id
        intent {
          id
        }
      }
      effectivePolicyDiff {
        ...PolicyDiffFields
      }
    }
  }
`);

export const VerifyChainQuery = graphql(`
  query ConsoleVerifyChain {
    verifyAuditChain {
      ok
      checkedRows
      firstSequence
      lastSequence
      unchainedRows
      lastHash
      brokenAt {
        sequence
        eventId
        reason
        message
      }
      checkpoints {
        ok
        matched
        problems {
          reason
          message
        }
      }
    }
  }
`);
